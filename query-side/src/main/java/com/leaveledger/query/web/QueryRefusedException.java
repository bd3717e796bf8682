package com.leaveledger.query.web;

import org.springframework.http.HttpStatus;

/**
 * A query refused by a rule: the status and the rule's name go into the problem+json answer. An expected answer, not
 * a fault, so it carries no stack trace (a client polling for a request not yet visible gets a 404 each time).
 */
public class QueryRefusedException extends RuntimeException {

    private final HttpStatus status;
    private final String rule;

    public QueryRefusedException(HttpStatus status, String rule, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.rule = rule;
    }

    public static QueryRefusedException forbidden(String rule, String detail) {
        return new QueryRefusedException(HttpStatus.FORBIDDEN, rule, detail);
    }

    public static QueryRefusedException notFound(String rule, String detail) {
        return new QueryRefusedException(HttpStatus.NOT_FOUND, rule, detail);
    }

    public static QueryRefusedException invalid(String rule, String detail) {
        return new QueryRefusedException(HttpStatus.BAD_REQUEST, rule, detail);
    }

    public static QueryRefusedException conflict(String rule, String detail) {
        return new QueryRefusedException(HttpStatus.CONFLICT, rule, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String rule() {
        return rule;
    }
}
