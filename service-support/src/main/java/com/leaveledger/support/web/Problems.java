package com.leaveledger.support.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details naming the broken rule: {@code type} is {@code urn:leave-ledger:problem:<rule>}, the
 * extension member {@code rule} repeats the rule's name (e.g. {@code insufficient-balance}). A refusal of input
 * names the fields in the member {@code errors}: {@code [{"field": …, "message": …}]}.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:leave-ledger:problem:";

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatusCode status, String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + rule));
        String words = rule.replace('-', ' ');
        problem.setTitle(Character.toUpperCase(words.charAt(0)) + words.substring(1));
        problem.setProperty("rule", rule);
        return problem;
    }

    /** A problem naming the fields at fault; no {@code errors} member when {@code errors} is empty. */
    public static ProblemDetail problem(HttpStatusCode status, String rule, String detail,
                                        List<Map<String, Object>> errors) {
        ProblemDetail problem = problem(status, rule, detail);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** One entry of {@code errors}. */
    public static Map<String, Object> error(String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    /**
     * The rule of an answer that has only a status to go by (Spring MVC's and Tomcat's own refusals): 400
     * {@code malformed-request}, 413 {@code content-too-large}, otherwise the status's name in lower case with
     * dashes ({@code not-found}, {@code method-not-allowed}, {@code unsupported-media-type}), or {@code http-<status>}
     * for a status without a name.
     */
    public static String ruleFor(int status) {
        if (status == 400) {
            return "malformed-request";
        }
        if (status == 413) {
            return "content-too-large";
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "http-" + status : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
