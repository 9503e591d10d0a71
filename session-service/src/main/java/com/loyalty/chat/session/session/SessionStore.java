package com.loyalty.chat.session.session;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.session.db.Columns;

/**
 * The {@code customer_sessions} table. Lifecycle changes go through {@link #lock} first, so that one transaction at a
 * time decides about a session; the read model's columns are written by single statements that touch nothing else,
 * so neither kind of write can undo the other.
 */
@Component
class SessionStore {

    private static final String COLUMNS = "session_id, user_id, admin_id, status, source, priority, created_at, "
            + "closed_at, satisfaction_score, rating_comment, rated_at, version";

    /**
     * The queue's head: walked in the order of idx_cs_queue, so that only the row returned is locked (a sort would
     * read, and lock, every waiting row first).
     */
    static final String NEXT_WAITING = "SELECT " + COLUMNS + """
             FROM customer_sessions
            WHERE status = 'waiting'
            ORDER BY priority DESC, created_at, session_id
            LIMIT 1
              FOR UPDATE SKIP LOCKED""";

    static final String OPEN_OF_ADMIN = "SELECT COUNT(*) FROM customer_sessions WHERE admin_id = ? AND open_marker = 1";

    /** Whether a stored message is later in its session than the last one recorded; sequences only grow. */
    private static final String NEWER = "(last_message_sequence IS NULL OR last_message_sequence < :sequence)";

    private final JdbcClient jdbc;

    SessionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CustomerSession> lock(String sessionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer_sessions WHERE session_id = ? FOR UPDATE")
                .param(sessionId)
                .query(SessionStore::map)
                .optional();
    }

    Optional<CustomerSession> findOpenOf(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer_sessions WHERE user_id = ? AND open_marker = 1")
                .param(userId)
                .query(SessionStore::map)
                .optional();
    }

    /**
     * The queue's head, locked: highest priority, then longest waiting. Rows another assigner holds are skipped, so
     * concurrent assigners take different sessions instead of queueing behind one another.
     */
    Optional<CustomerSession> lockNextWaiting() {
        return jdbc.sql(NEXT_WAITING).query(SessionStore::map).optional();
    }

    List<CustomerSession> lockAssignedOf(long adminId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM customer_sessions
                        WHERE admin_id = ? AND open_marker = 1 AND status = 'assigned'
                          FOR UPDATE""")
                .param(adminId)
                .query(SessionStore::map)
                .list();
    }

    /** An admin's load: their assigned and active sessions. */
    int countOpenOf(long adminId) {
        return jdbc.sql(OPEN_OF_ADMIN).param(adminId).query(Integer.class).single();
    }

    void insert(CustomerSession session) {
        jdbc.sql("""
                        INSERT INTO customer_sessions (session_id, user_id, status, source, priority, created_at,
                                                       updated_at, version)
                        VALUES (:sessionId, :userId, :status, :source, :priority, :createdAt, :createdAt, :version)
                        """)
                .param("sessionId", session.sessionId())
                .param("userId", session.userId())
                .param("status", session.status().wireName())
                .param("source", session.source())
                .param("priority", session.priority())
                .param("createdAt", session.createdAt())
                .param("version", session.version())
                .update();
    }

    /** Writes a transition of a session this transaction has locked; the version check only guards that promise. */
    void update(CustomerSession before, CustomerSession after, Instant now) {
        int updated = jdbc.sql("""
                        UPDATE customer_sessions
                           SET admin_id = :adminId, status = :status, closed_at = :closedAt,
                               satisfaction_score = :score, rating_comment = :comment, rated_at = :ratedAt,
                               version = :version, updated_at = :now
                         WHERE session_id = :sessionId AND version = :expectedVersion
                        """)
                .param("adminId", after.adminId())
                .param("status", after.status().wireName())
                .param("closedAt", after.closedAt())
                .param("score", after.satisfactionScore())
                .param("comment", after.ratingComment())
                .param("ratedAt", after.ratedAt())
                .param("version", after.version())
                .param("now", now)
                .param("sessionId", after.sessionId())
                .param("expectedVersion", before.version())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Session " + after.sessionId() + " changed under its lock");
        }
    }

    /**
     * Counts a stored message, and makes it the last one unless a later one (by sequence) is already recorded, so
     * messages arriving out of order leave the latest in place. False for an unknown session.
     */
    boolean recordMessage(MessageEvent.MessageStored message, Instant now) {
        return jdbc.sql("""
                        UPDATE customer_sessions
                           SET message_count = message_count + 1,
                               unread_count = unread_count + :unread,
                               last_message_id = IF(%1$s, :messageId, last_message_id),
                               last_message_content = IF(%1$s, :content, last_message_content),
                               last_message_type = IF(%1$s, :messageType, last_message_type),
                               last_message_sender_id = IF(%1$s, :senderId, last_message_sender_id),
                               last_message_sender_type = IF(%1$s, :senderType, last_message_sender_type),
                               last_message_at = IF(%1$s, :storedAt, last_message_at),
                               last_message_sequence = IF(%1$s, :sequence, last_message_sequence),
                               updated_at = :now
                         WHERE session_id = :sessionId
                        """.formatted(NEWER))
                .param("unread", message.senderType() == SenderType.USER ? 1 : 0)
                .param("messageId", message.messageId())
                .param("content", message.content())
                .param("messageType", message.messageType() == null ? null : message.messageType().wireName())
                .param("senderId", message.senderId())
                .param("senderType", message.senderType().wireName())
                .param("storedAt", message.occurredAt().truncatedTo(ChronoUnit.MILLIS))
                .param("sequence", message.sequence())
                .param("now", now)
                .param("sessionId", message.sessionId())
                .update() == 1;
    }

    /**
     * The admin side read {@code count} user messages. The counter may go below zero for as long as a receipt has
     * overtaken the message it reads; once both are in, it is exact whatever their order. False for an unknown
     * session.
     */
    boolean recordRead(String sessionId, int count, Instant now) {
        return jdbc.sql("""
                        UPDATE customer_sessions SET unread_count = unread_count - :count, updated_at = :now
                         WHERE session_id = :sessionId
                        """)
                .param("count", count)
                .param("now", now)
                .param("sessionId", sessionId)
                .update() == 1;
    }

    private static SessionStatus status(String wireName) {
        return SessionStatus.valueOf(wireName.toUpperCase(Locale.ROOT));
    }

    private static CustomerSession map(ResultSet row, int rowNumber) throws SQLException {
        BigDecimal score = row.getBigDecimal("satisfaction_score");
        return new CustomerSession(row.getString("session_id"), row.getLong("user_id"),
                row.getObject("admin_id", Long.class), status(row.getString("status")), row.getString("source"),
                row.getInt("priority"), Columns.instant(row, "created_at"),
                Columns.instant(row, "closed_at"), score == null ? null : score.intValue(),
                row.getString("rating_comment"), Columns.instant(row, "rated_at"), row.getLong("version"));
    }
}
