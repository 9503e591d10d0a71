package com.loyalty.chat.session.lifecycle;

import java.util.List;

import com.loyalty.chat.session.web.Pagination;

/** The admin session list of the seed: one page plus how many there are in all. */
record SessionPage(List<SessionItem> sessions, long totalCount, Pagination pagination) {
}
