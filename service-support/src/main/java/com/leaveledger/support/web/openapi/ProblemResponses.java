package com.leaveledger.support.web.openapi;

import com.leaveledger.support.web.Problems;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.method.HandlerMethod;

/**
 * The problem responses of each operation, as {@code application/problem+json} with the {@code Problem} schema, the
 * rule names in the description and one example per rule:
 * <ul>
 *   <li>what every operation of its kind can answer (the shared problem advice and the security chain): 400
 *   {@code invalid-request} when it takes parameters or a body (and {@code malformed-request} for a body); 413
 *   {@code content-too-large} and 415 {@code unsupported-media-type} for a body; 401 {@code unauthenticated} and 403
 *   {@code missing-role} when it needs a bearer token;</li>
 *   <li>what the handler itself refuses, as its {@link ProblemResponse} annotations declare.</li>
 * </ul>
 */
public class ProblemResponses implements OperationCustomizer {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String PROBLEM_SCHEMA = "#/components/schemas/" + LedgerOpenApi.PROBLEM;

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Map<Integer, Set<String>> rules = new TreeMap<>();
        boolean body = operation.getRequestBody() != null;
        boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (body || parameters) {
            add(rules, 400, "invalid-request");
        }
        if (body) {
            add(rules, 400, "malformed-request");
            add(rules, 413, "content-too-large");
            add(rules, 415, "unsupported-media-type");
        }
        if (operation.getSecurity() == null || !operation.getSecurity().isEmpty()) {
            add(rules, 401, "unauthenticated");
            add(rules, 403, "missing-role");
        }
        for (ProblemResponse declared : AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(),
                ProblemResponse.class)) {
            for (String rule : declared.rules()) {
                add(rules, declared.status(), rule);
            }
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        rules.forEach((status, names) -> responses.addApiResponse(String.valueOf(status), response(status, names)));
        operation.setResponses(responses);
        return operation;
    }

    private static void add(Map<Integer, Set<String>> rules, int status, String rule) {
        rules.computeIfAbsent(status, s -> new LinkedHashSet<>()).add(rule);
    }

    private static ApiResponse response(int status, Set<String> rules) {
        MediaType media = new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA));
        for (String rule : rules) {
            ProblemDetail problem = Problems.problem(HttpStatus.valueOf(status), rule, "");
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("type", String.valueOf(problem.getType()));
            example.put("title", problem.getTitle());
            example.put("status", status);
            example.put("rule", rule);
            media.addExamples(rule, new Example().value(example));
        }
        String names = rules.stream().map(rule -> "`" + rule + "`").collect(Collectors.joining(", "));
        return new ApiResponse()
                .description(HttpStatus.valueOf(status).getReasonPhrase() + ": " + names)
                .content(new Content().addMediaType(PROBLEM_JSON, media));
    }
}
