package com.leaveledger.query.web;

import com.leaveledger.support.rules.RuleViolation;
/** Offset paging: page from 0, size 1–200 (default 20). */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw RuleViolation.invalid("invalid-request", "page starts at 0, not " + p);
        }
        if (s < 1 || s > MAX_SIZE) {
            throw RuleViolation.invalid("invalid-request", "size must be between 1 and " + MAX_SIZE);
        }
        return new PageRequest(p, s);
    }

    public long offset() {
        return (long) page * size;
    }
}
