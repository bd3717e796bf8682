package com.leaveledger.query.web;

import java.util.List;

/** One page of a list: the items, the page asked for (from 0), its size and the totals. */
public record PageResult<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public static <T> PageResult<T> of(List<T> items, PageRequest request, long totalItems) {
        long pages = totalItems == 0 ? 0 : (totalItems + request.size() - 1) / request.size();
        return new PageResult<>(items, request.page(), request.size(), totalItems, pages);
    }
}
