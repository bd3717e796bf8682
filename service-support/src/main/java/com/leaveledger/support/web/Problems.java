package com.leaveledger.support.web;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details naming the broken rule: {@code type} is {@code urn:leave-ledger:problem:<rule>}, the
 * extension member {@code rule} repeats the rule's name (e.g. {@code insufficient-balance}).
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
}
