package com.loyalty.chat.session.web;

/**
 * One page of an admin list as the contract pages them: {@code page} from 1, {@code pageSize} at most
 * {@value #MAX_PAGE_SIZE} (larger requests are clamped, not refused). Controllers validate the lower bounds.
 */
public record PageQuery(int page, int size) {

    public static final int MAX_PAGE_SIZE = 50;

    public static PageQuery of(int page, int requestedSize) {
        return new PageQuery(page, Math.min(requestedSize, MAX_PAGE_SIZE));
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    public Pagination paginationOf(long totalCount) {
        int totalPages = (int) ((totalCount + size - 1) / size);
        return new Pagination(page, totalPages, page < totalPages);
    }
}
