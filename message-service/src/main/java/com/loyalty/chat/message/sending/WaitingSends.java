package com.loyalty.chat.message.sending;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.loyalty.chat.chassis.jdbc.DateTimeColumns;
import com.loyalty.chat.contracts.events.MessageCommand;
import com.loyalty.chat.contracts.events.MessageCommand.SendMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code waiting_sends} table: Kafka sends set aside until their session shows up in the view. A command is kept
 * as the contract's SendMessage JSON, which outlives any change to this service's own types.
 */
@Repository
class WaitingSends {

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;

    WaitingSends(JdbcTemplate jdbcTemplate, JsonMapper jsonMapper) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.jsonMapper = jsonMapper;
    }

    /** A send that waits for its session until {@code giveUpAt}. */
    record Waiting(long id, SendRequest request, Instant giveUpAt) {

        boolean isDue(Instant now) {
            return !giveUpAt.isAfter(now);
        }
    }

    void park(List<SendRequest> requests, Instant giveUpAt) {
        if (requests.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("INSERT INTO waiting_sends (session_id, command, give_up_at) VALUES (?, ?, ?)",
                requests, requests.size(), (statement, request) -> {
                    statement.setString(1, request.sessionId());
                    statement.setString(2, jsonMapper.writeValueAsString(request.asCommand()));
                    statement.setObject(3, DateTimeColumns.value(giveUpAt));
                });
    }

    /** Which of these sessions have sends waiting. */
    Set<String> sessionsWithWaiting(Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT DISTINCT session_id FROM waiting_sends WHERE session_id IN (:sessionIds)")
                .param("sessionIds", sessionIds)
                .query(String.class)
                .list());
    }

    /** Sessions whose waiting sends can be settled now: the session has shown up, or a send has waited long enough. */
    List<String> sessionsToSettle(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT DISTINCT w.session_id
                          FROM waiting_sends w
                          LEFT JOIN session_view s ON s.session_id = w.session_id
                         WHERE s.session_id IS NOT NULL OR w.give_up_at <= :now
                         LIMIT :limit""")
                .param("now", DateTimeColumns.value(now))
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    /** The first {@code limit} sends waiting for the session, in arrival order, locked until the transaction ends. */
    List<Waiting> lockFirst(String sessionId, int limit) {
        return jdbc.sql("""
                        SELECT id, command, give_up_at FROM waiting_sends
                         WHERE session_id = :sessionId
                         ORDER BY id
                         LIMIT :limit
                           FOR UPDATE""")
                .param("sessionId", sessionId)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    void delete(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("DELETE FROM waiting_sends WHERE id IN (:ids)").param("ids", ids).update();
        }
    }

    private Waiting map(ResultSet row, int rowNumber) throws SQLException {
        SendMessage command = (SendMessage) jsonMapper.readValue(row.getString("command"), MessageCommand.class);
        return new Waiting(row.getLong("id"), SendRequest.of(command),
                DateTimeColumns.instant(row, "give_up_at"));
    }
}
