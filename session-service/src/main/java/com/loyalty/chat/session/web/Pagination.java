package com.loyalty.chat.session.web;

/** The seed's {@code pagination} object of a listed page. */
public record Pagination(int currentPage, int totalPages, boolean hasMore) {
}
