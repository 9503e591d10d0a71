package com.loyalty.chat.session.presence;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.events.SenderType;

/**
 * The connections each realtime node announced, and each node's lease. Every statement is idempotent, so redelivered
 * presence events and several replicas sweeping at once change nothing twice.
 */
@Component
class Connections {

    private final JdbcClient jdbc;

    Connections(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Extends the node's lease; a late event never shortens it. */
    void heardFrom(String nodeId, Instant at) {
        jdbc.sql("""
                        INSERT INTO presence_nodes (node_id, last_seen_at) VALUES (:nodeId, :at)
                        ON DUPLICATE KEY UPDATE last_seen_at = GREATEST(last_seen_at, VALUES(last_seen_at))
                        """)
                .param("nodeId", nodeId)
                .param("at", at)
                .update();
    }

    void opened(String nodeId, String connectionId, long userId, SenderType role, Instant at) {
        jdbc.sql("""
                        INSERT INTO presence_connections (node_id, connection_id, user_id, role, opened_at)
                        VALUES (:nodeId, :connectionId, :userId, :role, :at)
                        ON DUPLICATE KEY UPDATE connection_id = connection_id
                        """)
                .param("nodeId", nodeId)
                .param("connectionId", connectionId)
                .param("userId", userId)
                .param("role", role.wireName())
                .param("at", at)
                .update();
    }

    void closed(String nodeId, String connectionId) {
        jdbc.sql("DELETE FROM presence_connections WHERE node_id = ? AND connection_id = ?")
                .params(nodeId, connectionId)
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
