package com.loyalty.chat.session.lifecycle;

import java.util.Arrays;
import java.util.Locale;

import com.loyalty.chat.contracts.api.ChatException;

/**
 * The {@code status} filter of the admin session list, with the contract's meaning of each value, and the SQL of
 * its page and count. Each condition is an equality on the leading columns of an index that continues with the list
 * order (see V4__assignment_presence_read_model.sql), so a page is read in order and stops at its limit. A page is a
 * deferred join: the ids of the page are found on that index alone (it holds the primary key, so skipping
 * {@code OFFSET} entries reads no row), then only the page's rows are read. The index can be walked from either end,
 * so a page nearer the end of the list is counted from there. Every count is maintained, never counted per request
 * (see V7__list_counts.sql).
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
    /** The same order walked from its end. */
    static final String REVERSE_ORDER = " ORDER BY last_activity_at, session_id";

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

    /**
     * One page in list order. {@code fromEnd}: {@code offset} counts from the end of the list (the oldest activity),
     * for pages nearer the end than the start. Parameters: {@code limit}, {@code offset}, and {@code adminId} (the
     * caller) where the filter needs it.
     */
    String pageSql(boolean fromEnd) {
        return "SELECT " + SessionQueries.ITEM_COLUMNS + " FROM customer_sessions JOIN (SELECT session_id FROM "
                + "customer_sessions" + where() + (fromEnd ? REVERSE_ORDER : ORDER)
                + " LIMIT :limit OFFSET :offset) page USING (session_id)" + ORDER;
    }

    /** Parameter: {@code adminId} (the caller) where the filter needs it. */
    String countSql() {
        return switch (this) {
            case ALL -> SessionTotals.sumSql(SessionTotals.Total.OPENED);
            case PENDING -> SessionTotals.sumSql(SessionTotals.Total.PENDING);
            case WAITING -> SessionTotals.sumSql(SessionTotals.Total.WAITING);
            case CLOSED -> SessionTotals.sumSql(SessionTotals.Total.CLOSED);
            // The caller's load: their assigned and active sessions, recounted with every change of them.
            case ACTIVE -> "SELECT COALESCE((SELECT current_sessions FROM admin_statuses WHERE admin_id = :adminId), 0)";
        };
    }

    private String where() {
        return condition == null ? "" : " WHERE " + condition;
    }
}
