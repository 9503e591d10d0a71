package com.loyalty.chat.session.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.chassis.jdbc.DateTimeColumns;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.events.UserProfile;
import com.loyalty.chat.session.account.UserDirectory;
import com.loyalty.chat.session.presence.Presence;
import com.loyalty.chat.session.web.PageQuery;

/**
 * Sessions as users and admins read them. Everything an item shows is local: the session row carries the read model,
 * and a page asks accounts and presence once for all its users, never per row.
 */
@Service
@Transactional(readOnly = true)
class SessionQueries {

    static final String ITEM_COLUMNS = "session_id, user_id, admin_id, status, created_at, last_message_at, "
            + "last_message_content, last_message_type, last_message_sender_id, last_message_sender_type, "
            + "message_count, unread_count";

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final Presence presence;

    SessionQueries(JdbcClient jdbc, UserDirectory users, Presence presence) {
        this.jdbc = jdbc;
        this.users = users;
        this.presence = presence;
    }

    List<SessionItem> ofUser(long userId) {
        return complete(jdbc.sql("SELECT " + ITEM_COLUMNS
                        + " FROM customer_sessions WHERE user_id = ? ORDER BY created_at DESC, session_id DESC")
                .param(userId)
                .query(SessionQueries::item)
                .list());
    }

    /** Another user's session is reported as missing, so ids cannot be probed. */
    SessionItem ownedBy(long userId, String sessionId) {
        SessionItem item = byId(sessionId);
        if (item.userId() != userId) {
            throw ChatException.sessionNotFound();
        }
        return item;
    }

    SessionItem byId(String sessionId) {
        return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM customer_sessions WHERE session_id = ?")
                .param(sessionId)
                .query(SessionQueries::item)
                .optional()
                .map(item -> complete(List.of(item)).getFirst())
                .orElseThrow(ChatException::sessionNotFound);
    }

    /**
     * The count comes first: it says which end of the list the page is nearer to, and a page past the end is empty
     * without looking. A page nearer the end is read from there: the same rows, in list order.
     */
    SessionPage list(SessionFilter filter, long adminId, PageQuery page) {
        long total = jdbc.sql(filter.countSql()).param("adminId", adminId).query(Long.class).single();
        long offset = page.offset();
        List<SessionItem> items = List.of();
        if (offset < total) {
            long afterPage = total - offset - page.size();
            boolean fromEnd = afterPage < offset;
            items = jdbc.sql(filter.pageSql(fromEnd))
                    .param("adminId", adminId)
                    .param("limit", fromEnd ? Math.min(page.size(), total - offset) : page.size())
                    .param("offset", fromEnd ? Math.max(0, afterPage) : offset)
                    .query(SessionQueries::item)
                    .list();
        }
        return new SessionPage(complete(items), total, page.paginationOf(total));
    }

    private List<SessionItem> complete(List<SessionItem> items) {
        List<Long> userIds = items.stream().map(SessionItem::userId).distinct().toList();
        Map<Long, UserProfile> profiles = users.findAll(userIds);
        Set<Long> online = presence.onlineUsers(userIds);
        return items.stream()
                .map(item -> item.withUser(userInfo(profiles, item.userId()), online.contains(item.userId())))
                .toList();
    }

    private static SessionItem.UserInfo userInfo(Map<Long, UserProfile> profiles, long userId) {
        UserProfile profile = profiles.get(userId);
        return profile == null ? SessionItem.UserInfo.unknown(userId) : SessionItem.UserInfo.of(profile);
    }

    /** The unread count is floored here: it dips below zero only while a read receipt has overtaken its message. */
    private static SessionItem item(ResultSet row, int rowNumber) throws SQLException {
        long userId = row.getLong("user_id");
        Instant lastMessageAt = DateTimeColumns.instant(row, "last_message_at");
        String lastSenderType = row.getString("last_message_sender_type");
        SessionItem.LastMessage lastMessage = lastSenderType == null ? null
                : new SessionItem.LastMessage(row.getString("last_message_content"),
                        row.getString("last_message_type"), row.getLong("last_message_sender_id"), lastSenderType,
                        lastMessageAt);
        return new SessionItem(row.getString("session_id"), userId, SessionItem.UserInfo.unknown(userId),
                row.getObject("admin_id", Long.class), row.getString("status"),
                DateTimeColumns.instant(row, "created_at"), lastMessageAt, lastMessage, row.getLong("message_count"),
                Math.max(0, row.getLong("unread_count")), false);
    }
}
