package com.loyalty.chat.session.lifecycle;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.loyalty.chat.chassis.jdbc.DateTimeColumns;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.WireNamed;

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

    /**
     * Whether the poll's last stored message (none: {@code :sequence} is null) is later in its session than the last
     * one recorded; sequences only grow.
     */
    private static final String NEWER =
            "(:sequence IS NOT NULL AND (last_message_sequence IS NULL OR last_message_sequence < :sequence))";

    /**
     * MySQL assigns left to right, each assignment seeing the ones before it: {@code last_message_sequence}, which
     * every condition reads, is assigned last.
     */
    private static final String RECORD_ACTIVITY = """
            UPDATE customer_sessions
               SET message_count = message_count + :messages,
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
            """.formatted(NEWER);

    private final JdbcClient jdbc;
    /** For statements sent as one batch: one round trip (see the data source's rewriteBatchedStatements). */
    private final NamedParameterJdbcTemplate batch;

    SessionStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
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
     * Locks the sessions of {@code sessionIds} that exist, in id order (the order {@link #recordActivity} locks them
     * in), and answers them by id.
     */
    Map<String, CustomerSession> lockAll(Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM customer_sessions WHERE session_id IN (:sessionIds) ORDER BY session_id FOR UPDATE")
                .param("sessionIds", sessionIds)
                .query(SessionStore::map)
                .list()
                .stream()
                .collect(Collectors.toMap(CustomerSession::sessionId, Function.identity()));
    }

    /**
     * Applies a poll's message activity to the read model: one statement per session, sent together, in session id
     * order. Counts are added; the last message is replaced only by a later one (by sequence), so activity arriving
     * out of order, or split over several polls, leaves the latest in place. Answers the sessions that do not exist.
     */
    Set<String> recordActivity(Collection<ReadModelChange> changes, Instant now) {
        List<ReadModelChange> ordered = changes.stream()
                .sorted(Comparator.comparing(ReadModelChange::sessionId))
                .toList();
        MapSqlParameterSource[] parameters = ordered.stream()
                .map(change -> parameters(change, now))
                .toArray(MapSqlParameterSource[]::new);
        int[] updated = batch.batchUpdate(RECORD_ACTIVITY, parameters);
        Set<String> unknown = new HashSet<>();
        for (int index = 0; index < updated.length; index++) {
            if (updated[index] == 0) {
                unknown.add(ordered.get(index).sessionId());
            }
        }
        return unknown;
    }

    private static MapSqlParameterSource parameters(ReadModelChange change, Instant now) {
        MessageEvent.MessageStored last = change.last();
        return new MapSqlParameterSource()
                .addValue("messages", change.messages())
                .addValue("unread", change.unread())
                .addValue("messageId", last == null ? null : last.messageId(), Types.VARCHAR)
                .addValue("content", last == null ? null : last.content(), Types.VARCHAR)
                .addValue("messageType", last == null || last.messageType() == null ? null
                        : last.messageType().wireName(), Types.VARCHAR)
                .addValue("senderId", last == null ? null : last.senderId(), Types.BIGINT)
                .addValue("senderType", last == null ? null : last.senderType().wireName(), Types.VARCHAR)
                .addValue("storedAt", last == null ? null
                        : DateTimeColumns.value(last.occurredAt().truncatedTo(ChronoUnit.MILLIS)), Types.TIMESTAMP)
                .addValue("sequence", last == null ? null : last.sequence(), Types.BIGINT)
                .addValue("now", DateTimeColumns.value(now), Types.TIMESTAMP)
                .addValue("sessionId", change.sessionId());
    }

    private static SessionStatus status(String wireName) {
        return WireNamed.parse(SessionStatus.class, wireName);
    }

    private static CustomerSession map(ResultSet row, int rowNumber) throws SQLException {
        BigDecimal score = row.getBigDecimal("satisfaction_score");
        return new CustomerSession(row.getString("session_id"), row.getLong("user_id"),
                row.getObject("admin_id", Long.class), status(row.getString("status")), row.getString("source"),
                row.getInt("priority"), DateTimeColumns.instant(row, "created_at"),
                DateTimeColumns.instant(row, "closed_at"), score == null ? null : score.intValue(),
                row.getString("rating_comment"), DateTimeColumns.instant(row, "rated_at"), row.getLong("version"));
    }
}
