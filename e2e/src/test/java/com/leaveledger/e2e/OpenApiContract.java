package com.leaveledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The contract test's recorder and judge: it keeps every exchange {@link Http} makes while it is recording, then
 * validates each one against the OpenAPI document its service publishes at {@code /v3/api-docs}, with Atlassian's
 * swagger-request-validator (its default levels: every mismatch of path, parameter, header, body, status or schema is
 * an error). The document is also written to {@code e2e/target/openapi/<service>.json} for {@code
 * scripts/ledger lint-openapi}.
 *
 * <p>An answer is always validated against the operation's documented responses. Its request is validated too,
 * except when the answer refuses the request's shape or credentials (400, 401, 413, 415): those requests break the
 * document on purpose, and the point of the exchange is that the refusal is documented.
 */
final class OpenApiContract implements Consumer<Http.Exchange> {

    /** Statuses that answer a request which breaks the document (its input or its token). */
    private static final Set<Integer> REFUSED_INPUT = Set.of(400, 401, 413, 415);

    private final List<Http.Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void accept(Http.Exchange exchange) {
        String path = exchange.uri().getPath();
        if (!path.startsWith("/v3/api-docs") && !path.startsWith("/actuator")) {
            exchanges.add(exchange);
        }
    }

    /** What one service's exchanges gave: their number and the violations, one line each. */
    record Verdict(String service, int exchanges, List<String> violations) {
    }

    /** Validates every recorded exchange with {@code service} against the document {@code service} publishes. */
    Verdict judge(ServiceProcess service) {
        String document = publishedDocument(service);
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForInlineApiSpecification(document).build();
        List<Http.Exchange> mine;
        synchronized (exchanges) {
            mine = exchanges.stream().filter(e -> e.service() == service).toList();
        }
        List<String> violations = new ArrayList<>();
        for (Http.Exchange exchange : mine) {
            Request request = request(exchange);
            SimpleResponse response = response(exchange);
            ValidationReport report = REFUSED_INPUT.contains(exchange.status())
                    ? validator.validateResponse(exchange.uri().getPath(), request.getMethod(), response)
                    : validator.validate(request, response);
            // warnings count too: at the validator's default levels only informational messages are let through
            report.getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR
                            || m.getLevel() == ValidationReport.Level.WARN)
                    .forEach(m -> violations.add(exchange.method() + " " + exchange.uri().getRawPath()
                            + (exchange.uri().getRawQuery() == null ? "" : "?" + exchange.uri().getRawQuery())
                            + " -> " + exchange.status() + ": " + m.getLevel() + " [" + m.getKey() + "] "
                            + m.getMessage()));
        }
        return new Verdict(service.name(), mine.size(), violations);
    }

    /** Every operation of the document with the statuses recorded for it, as "METHOD /path status". */
    Set<String> coverage(ServiceProcess service) {
        Set<String> covered = new TreeSet<>();
        for (OpenApi.Operation operation : OpenApi.operations(service)) {
            List<Http.Exchange> mine;
            synchronized (exchanges) {
                mine = exchanges.stream().filter(e -> e.service() == service
                        && e.method().equals(operation.method()) && matches(operation.path(), e.uri().getPath()))
                        .toList();
            }
            mine.stream().map(Http.Exchange::status).distinct().sorted()
                    .forEach(status -> covered.add(operation.method() + " " + operation.path() + " " + status));
            if (mine.isEmpty()) {
                covered.add(operation.method() + " " + operation.path() + " (not exercised)");
            }
        }
        return covered;
    }

    private static boolean matches(String template, String path) {
        return path.matches(template.replaceAll("\\{[^}]+}", "[^/]+"));
    }

    /** The service's document, also written to {@code e2e/target/openapi/<service>.json}. */
    private static String publishedDocument(ServiceProcess service) {
        Http.Answer answer = Http.get(service, "/v3/api-docs", null);
        assertThat(answer.status()).as("%s /v3/api-docs: %s", service.name(), answer).isEqualTo(200);
        JsonNode document = answer.body();
        try {
            String json = Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
            Path directory = Path.of(System.getProperty("e2e.openapi", "target/openapi"));
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(service.name() + ".json"), json + "\n");
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Request request(Http.Exchange exchange) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), exchange.uri().getPath());
        exchange.requestHeaders().forEach(request::withHeader);
        if (exchange.requestBody() != null) {
            request.withBody(exchange.requestBody());
        }
        String query = exchange.uri().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                request.withQueryParam(name, equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return request.build();
    }

    private static SimpleResponse response(Http.Exchange exchange) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        for (Map.Entry<String, List<String>> header : exchange.responseHeaders().entrySet()) {
            if (!header.getKey().startsWith(":")) {
                response.withHeader(header.getKey(), header.getValue());
            }
        }
        if (exchange.responseBody() != null && !exchange.responseBody().isEmpty()) {
            response.withBody(exchange.responseBody());
        }
        return response.build();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static String describe(Verdict verdict) {
        return String.format(Locale.ROOT, "%s: %d exchanges, %d violations%n  %s", verdict.service(),
                verdict.exchanges(), verdict.violations().size(), String.join("\n  ", verdict.violations()));
    }
}
