package com.loyalty.chat.session.session;

import java.util.List;

/** The admin session list of the seed: one page plus how many there are in all. */
record SessionPage(List<SessionItem> sessions, long totalCount, Pagination pagination) {

    record Pagination(int currentPage, int totalPages, boolean hasMore) {
    }
}
