package com.leaveledger.query.web;

/**
 * The years an instant, a date or a year in a query parameter may name: wide, only to keep Java's and PostgreSQL's
 * arithmetic sane ({@code asOf=+1000000000-12-31T23:59:59.999999999Z} failed in the audit's SQL).
 */
public final class QueryYears {

    public static final int FIRST = 1900;
    public static final int LAST = 2999;

    private QueryYears() {
    }
}
