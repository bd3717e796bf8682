package com.leaveledger.support.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * A request {@link LedgerFirewall} refuses, with the status, the rule and the field (a header, a query parameter,
 * the path, the method) of the problem+json answer {@link ProblemRequestRejectedHandler} writes.
 */
public class InputRejectedException extends RequestRejectedException {

    private final HttpStatus status;
    private final String rule;
    private final String field;
    private final String problem;

    public InputRejectedException(HttpStatus status, String rule, String field, String problem) {
        super(field + ": " + problem);
        this.status = status;
        this.rule = rule;
        this.field = field;
        this.problem = problem;
    }

    public HttpStatus status() {
        return status;
    }

    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
