package com.loyalty.chat.session.session;

import java.util.Arrays;
import java.util.Locale;

import com.loyalty.chat.contracts.api.ChatException;

/**
 * The {@code status} filter of the admin session list, with the contract's meaning of each value, and the SQL of
 * its page and count. Each condition is an equality on the leading columns of an index that continues with the list
 * order (see V4__assignment_presence_read_model.sql), so a page is read in order and stops at its limit. The counts
 * of the small sets (open sessions) are read from the same indexes; those of the two sets that grow without bound
 * (all, closed) are kept as running totals.
 */
enum SessionFilter {

    /** Every session. */
    ALL(null),
    /** Waiting in the shared queue; a waiting session never has an admin (a check constraint says so). */
    PENDING("status = 'waiting'"),
    /** No admin reply yet: waiting or assigned. */
    WAITING("awaiting_reply = 1"),
    /** The calling admin's own assigned or active sessions: held by them and not closed. */
    ACTIVE("admin_id = :adminId AND open_marker = 1"),
    CLOSED("status = 'closed'");

    /** The contract's order: latest message first, a session without messages by its creation; ties by id. */
    static final String ORDER = " ORDER BY last_activity_at DESC, session_id DESC";

    private final String condition;

    SessionFilter(String condition) {
        this.condition = condition;
    }

    static SessionFilter parse(String value) {
        return Arrays.stream(values())
                .filter(filter -> filter.name().toLowerCase(Locale.ROOT).equals(value))
                .findFirst()
                .orElseThrow(() -> ChatException.invalid(
                        "status: 必须是 all、pending、waiting、active 或 closed 之一"));
    }

    /** Parameters: {@code limit}, {@code offset}, and {@code adminId} (the caller) where the filter needs it. */
    String pageSql() {
        return "SELECT " + SessionQueries.ITEM_COLUMNS + " FROM customer_sessions" + where() + ORDER
                + " LIMIT :limit OFFSET :offset";
    }

    String countSql() {
        return switch (this) {
            case ALL -> SessionTotals.sumSql(SessionTotals.Total.OPENED);
            case CLOSED -> SessionTotals.sumSql(SessionTotals.Total.CLOSED);
            case PENDING, WAITING, ACTIVE -> "SELECT COUNT(*) FROM customer_sessions" + where();
        };
    }

    private String where() {
        return condition == null ? "" : " WHERE " + condition;
    }
}
