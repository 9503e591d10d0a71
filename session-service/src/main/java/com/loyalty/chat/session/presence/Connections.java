package com.loyalty.chat.session.presence;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.events.SenderType;

/**
 * The connections each run of a realtime node announced, and each node's lease. Statements about one node run under
 * the lock of the node's row ({@link #heardFrom}), so a node's events and the sweeper never interleave on it.
 */
@Component
class Connections {

    private final JdbcClient jdbc;
    /** For statements sent as one batch: one round trip (see the data source's rewriteBatchedStatements). */
    private final NamedParameterJdbcTemplate batch;

    Connections(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** A node's current run, as its row says; {@code heartbeats} counts the run's heartbeats handled so far. */
    record NodeRun(String runId, long heartbeats, int excessHeartbeats, boolean reannounced) {
    }

    /**
     * Extends the node's lease (a late event never shortens it) and locks its row to the end of the transaction; a
     * node heard of for the first time starts with {@code runId}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    NodeRun heardFrom(String nodeId, String runId, Instant at) {
        jdbc.sql("""
                        INSERT INTO presence_nodes (node_id, run_id, last_seen_at) VALUES (:nodeId, :runId, :at)
                        ON DUPLICATE KEY UPDATE last_seen_at = GREATEST(last_seen_at, VALUES(last_seen_at))
                        """)
                .param("nodeId", nodeId)
                .param("runId", runId)
                .param("at", at)
                .update();
        return jdbc.sql("""
                        SELECT run_id, heartbeats, excess_heartbeats, reannounced FROM presence_nodes
                         WHERE node_id = ? FOR UPDATE
                        """)
                .param(nodeId)
                .query((row, index) -> new NodeRun(row.getString("run_id"), row.getLong("heartbeats"),
                        row.getInt("excess_heartbeats"), row.getBoolean("reannounced")))
                .single();
    }

    /** The node runs anew: its row starts over with {@code runId}. */
    void startRun(String nodeId, String runId) {
        jdbc.sql("""
                        UPDATE presence_nodes SET run_id = ?, heartbeats = 0, excess_heartbeats = 0, reannounced = FALSE
                         WHERE node_id = ?
                        """)
                .params(runId, nodeId)
                .update();
    }

    List<Long> adminsOfOtherRuns(String nodeId, String runId) {
        return jdbc.sql("""
                        SELECT DISTINCT user_id FROM presence_connections
                         WHERE node_id = ? AND run_id <> ? AND role = 'admin'
                        """)
                .params(nodeId, runId)
                .query(Long.class)
                .list();
    }

    int closeOtherRuns(String nodeId, String runId) {
        return jdbc.sql("DELETE FROM presence_connections WHERE node_id = ? AND run_id <> ?")
                .params(nodeId, runId)
                .update();
    }

    /** Of {@code connectionIds}, those the node holds, each with the event that last announced it (or null). */
    Map<String, String> announcements(String nodeId, Collection<String> connectionIds) {
        if (connectionIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> announcedBy = new HashMap<>();
        jdbc.sql("""
                        SELECT connection_id, announced_by FROM presence_connections
                         WHERE node_id = :nodeId AND connection_id IN (:connectionIds)
                        """)
                .param("nodeId", nodeId)
                .param("connectionIds", connectionIds)
                .query(row -> {
                    announcedBy.put(row.getString("connection_id"), row.getString("announced_by"));
                });
        return announcedBy;
    }

    /**
     * Records that the node's run announced these connections opened, after {@code heartbeats} of its heartbeats; a
     * connection held already keeps its row and takes the new announcement.
     */
    void announced(String nodeId, String runId, long heartbeats, Instant at,
                   List<ConnectionChanges.Opening> openings) {
        if (openings.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                        INSERT INTO presence_connections (node_id, run_id, connection_id, user_id, role, opened_at,
                                                          announced_by, confirmed_after)
                        VALUES (:nodeId, :runId, :connectionId, :userId, :role, :at, :eventId, :heartbeats)
                        ON DUPLICATE KEY UPDATE announced_by = VALUES(announced_by),
                                                confirmed_after = VALUES(confirmed_after)
                        """, openings.stream()
                .map(opening -> new MapSqlParameterSource()
                        .addValue("nodeId", nodeId)
                        .addValue("runId", runId)
                        .addValue("connectionId", opening.connectionId())
                        .addValue("userId", opening.userId())
                        .addValue("role", opening.role().wireName())
                        .addValue("at", at)
                        .addValue("eventId", opening.eventId())
                        .addValue("heartbeats", heartbeats))
                .toArray(MapSqlParameterSource[]::new));
    }

    void reannounced(String nodeId) {
        jdbc.sql("UPDATE presence_nodes SET reannounced = TRUE WHERE node_id = ?").param(nodeId).update();
    }

    void closed(String nodeId, Collection<String> connectionIds) {
        if (connectionIds.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM presence_connections WHERE node_id = :nodeId AND connection_id IN (:connectionIds)")
                .param("nodeId", nodeId)
                .param("connectionIds", connectionIds)
                .update();
    }

    int heldFor(String nodeId, String runId) {
        return jdbc.sql("SELECT COUNT(*) FROM presence_connections WHERE node_id = ? AND run_id = ?")
                .params(nodeId, runId)
                .query(Integer.class)
                .single();
    }

    /** Admins with a connection of the run not announced since its {@code heartbeats}-th heartbeat. */
    List<Long> adminsUnconfirmedSince(String nodeId, String runId, long heartbeats) {
        return jdbc.sql("""
                        SELECT DISTINCT user_id FROM presence_connections
                         WHERE node_id = ? AND run_id = ? AND confirmed_after < ? AND role = 'admin'
                        """)
                .params(nodeId, runId, heartbeats)
                .query(Long.class)
                .list();
    }

    int closeUnconfirmedSince(String nodeId, String runId, long heartbeats) {
        return jdbc.sql("DELETE FROM presence_connections WHERE node_id = ? AND run_id = ? AND confirmed_after < ?")
                .params(nodeId, runId, heartbeats)
                .update();
    }

    void heartbeatHandled(String nodeId, long heartbeats, int excessHeartbeats) {
        jdbc.sql("""
                        UPDATE presence_nodes SET heartbeats = ?, excess_heartbeats = ?, reannounced = FALSE
                         WHERE node_id = ?
                        """)
                .params(heartbeats, excessHeartbeats, nodeId)
                .update();
    }

    boolean hasAdminConnection(long adminId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM presence_connections WHERE user_id = ? AND role = 'admin')")
                .param(adminId)
                .query(Boolean.class)
                .single();
    }

    Set<Long> withUserConnection(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        SELECT DISTINCT user_id FROM presence_connections
                         WHERE role = 'user' AND user_id IN (:userIds)
                        """)
                .param("userIds", userIds)
                .query(Long.class)
                .list());
    }

    List<String> nodesUnseenSince(Instant cutoff) {
        return jdbc.sql("SELECT node_id FROM presence_nodes WHERE last_seen_at < ?")
                .param(cutoff)
                .query(String.class)
                .list();
    }

    /**
     * Forgets a node still unseen since {@code cutoff}; false for one heard from meanwhile, or already forgotten by
     * another replica, which is then left alone.
     */
    boolean forgetIfUnseenSince(String nodeId, Instant cutoff) {
        return jdbc.sql("DELETE FROM presence_nodes WHERE node_id = ? AND last_seen_at < ?")
                .params(nodeId, cutoff)
                .update() == 1;
    }

    List<Long> adminsConnectedTo(String nodeId) {
        return jdbc.sql("SELECT DISTINCT user_id FROM presence_connections WHERE node_id = ? AND role = 'admin'")
                .param(nodeId)
                .query(Long.class)
                .list();
    }

    int closeAllOf(String nodeId) {
        return jdbc.sql("DELETE FROM presence_connections WHERE node_id = ?").param(nodeId).update();
    }
}
