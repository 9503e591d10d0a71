package com.loyalty.chat.message.sessionview;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.WireNamed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Reads and writes {@code session_view}. */
@Repository
public class SessionViews {

    private static final String COLUMNS = "session_id, user_id, admin_id, status, version, next_sequence";
    /** The length of {@code session_view.session_id}, in characters. */
    private static final int MAX_SESSION_ID_LENGTH = 100;

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;

    SessionViews(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = JdbcClient.create(jdbcTemplate);
    }

    /** False for an id no session can have: the view could never hold it, so there is no point waiting for it. */
    public static boolean canHold(String sessionId) {
        return sessionId.codePointCount(0, sessionId.length()) <= MAX_SESSION_ID_LENGTH;
    }

    public Optional<SessionView> find(String sessionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM session_view WHERE session_id = :sessionId")
                .param("sessionId", sessionId)
                .query(SessionViews::map)
                .optional();
    }

    /** The sessions the view knows among these, without locking them. */
    public Map<String, SessionView> findAll(Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM session_view WHERE session_id IN (:sessionIds)")
                .param("sessionIds", sessionIds)
                .query(SessionViews::map)
                .stream()
                .collect(Collectors.toMap(SessionView::sessionId, Function.identity()));
    }

    /**
     * Locks the rows of these sessions until the transaction ends, so that concurrent writers to one session take
     * sequences one after the other. Rows are locked in key order, which keeps two batches from deadlocking.
     * Sessions the view does not know are missing from the answer.
     */
    public Map<String, SessionView> lockAll(Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM session_view
                        WHERE session_id IN (:sessionIds)
                        ORDER BY session_id
                          FOR UPDATE""")
                .param("sessionIds", sessionIds)
                .query(SessionViews::map)
                .stream()
                .collect(Collectors.toMap(SessionView::sessionId, Function.identity()));
    }

    /** Writes back what storing messages changed: the next sequence and a provisional claim. */
    public void saveProgress(Collection<SessionView> views) {
        List<SessionView> rows = List.copyOf(views);
        if (rows.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("UPDATE session_view SET next_sequence = ?, admin_id = ? WHERE session_id = ?",
                rows, rows.size(), (statement, view) -> {
                    statement.setLong(1, view.nextSequence());
                    statement.setObject(2, view.adminId());
                    statement.setString(3, view.sessionId());
                });
    }

    /**
     * Takes the state a SessionEvent reports unless the view already holds that version or a newer one. Columns are
     * assigned left to right, so {@code version} comes last: the conditions before it still see the old one.
     * ({@code VALUES()} is deprecated on MySQL 8 but is the form both MySQL and MariaDB understand.) A transaction of
     * its own when called alone: connections do not auto-commit, so a write outside one would be rolled back.
     */
    @Transactional
    void apply(String sessionId, long userId, Long adminId, SessionStatus status, long version) {
        jdbc.sql("""
                        INSERT INTO session_view (session_id, user_id, admin_id, status, version)
                        VALUES (:sessionId, :userId, :adminId, :status, :version)
                        ON DUPLICATE KEY UPDATE
                            user_id  = IF(VALUES(version) > version, VALUES(user_id), user_id),
                            admin_id = IF(VALUES(version) > version, VALUES(admin_id), admin_id),
                            status   = IF(VALUES(version) > version, VALUES(status), status),
                            version  = GREATEST(version, VALUES(version))""")
                .param("sessionId", sessionId)
                .param("userId", userId)
                .param("adminId", adminId)
                .param("status", status.wireName())
                .param("version", version)
                .update();
    }

    private static SessionView map(ResultSet row, int rowNumber) throws SQLException {
        return new SessionView(
                row.getString("session_id"),
                row.getLong("user_id"),
                row.getObject("admin_id", Long.class),
                WireNamed.parse(SessionStatus.class, row.getString("status")),
                row.getLong("version"),
                row.getLong("next_sequence"));
    }
}
