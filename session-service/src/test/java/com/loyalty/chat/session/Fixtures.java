package com.loyalty.chat.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.PresenceEvent;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.localstack.LocalStack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What tests about sessions, assignment and presence set up: admins of their own, the queue and presence cleared, and
 * the events other services would publish (presence from realtime nodes, messages from message-service), timed by the
 * service's own clock as theirs would be. One per test context.
 */
public final class Fixtures {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final Api api;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String bootstrapServers;
    private final TestClock clock;
    private final StringProducer producer;
    private final Map<String, String> runs = new ConcurrentHashMap<>();
    /** Per node and run, the connections the node has open, as its heartbeats count them. */
    private final Map<String, Set<String>> held = new ConcurrentHashMap<>();
    private final Map<String, PresenceEvent> lastOpenings = new ConcurrentHashMap<>();

    Fixtures(Api api, JdbcClient jdbc, TransactionTemplate transactions, String bootstrapServers, TestClock clock) {
        this.api = api;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
        this.producer = new StringProducer(bootstrapServers);
    }

    /**
     * An empty queue and nobody connected: earlier tests leave sessions waiting and admins online, which automatic
     * assignment would otherwise mix into this test. Only direct writes, so nothing is announced.
     */
    public void reset() {
        inTransaction(() -> {
            addToTotal("closed", jdbc.sql(
                    "UPDATE customer_sessions SET status = 'closed', closed_at = UTC_TIMESTAMP(3) WHERE status <> 'closed'")
                    .update());
            // Nothing is open any more: nothing pending, nothing awaiting a reply.
            jdbc.sql("DELETE FROM session_totals WHERE total IN ('pending', 'waiting')").update();
            jdbc.sql("DELETE FROM presence_connections").update();
            jdbc.sql("DELETE FROM presence_nodes").update();
            jdbc.sql("UPDATE admin_statuses SET status = 'offline', busy = FALSE, current_sessions = 0, "
                    + "offline_since = NULL").update();
        });
        runs.clear();
        held.clear();
        lastOpenings.clear();
    }

    /**
     * Runs direct writes in a transaction of their own: the service's connections do not auto-commit, so a write
     * outside a transaction would be rolled back.
     */
    public void inTransaction(Runnable writes) {
        transactions.executeWithoutResult(status -> writes.run());
    }

    /** An admin account of the test's own, not yet seen connected, allowed {@code maxSessions} at once. */
    public Admin newAdmin(int maxSessions) {
        String mobile = Api.newMobile();
        String nickname = "客服" + mobile.substring(7);
        long adminId = transactions.execute(status -> {
            jdbc.sql("""
                            INSERT INTO users (mobile, nickname, is_admin, created_at, updated_at)
                            VALUES (?, ?, TRUE, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))
                            """)
                    .params(mobile, nickname)
                    .update();
            long id = jdbc.sql("SELECT user_id FROM users WHERE mobile = ?").param(mobile).query(Long.class).single();
            jdbc.sql("""
                            INSERT INTO admin_statuses (admin_id, status, max_sessions, last_active_at, created_at,
                                                        updated_at)
                            VALUES (?, 'offline', ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))
                            """)
                    .params(id, maxSessions)
                    .update();
            return id;
        });
        return new Admin(adminId, LocalStack.shared().tokens().issue(adminId, mobile, nickname, true));
    }

    /**
     * A session written directly, as of {@code createdAt}, announcing nothing (so no assignment runs for it); the
     * running totals are kept as the service would keep them. Without an admin: waiting or closed.
     */
    public String insertSession(String status, long userId, Instant createdAt, Instant lastMessageAt) {
        String sessionId = "session_" + createdAt.toEpochMilli() + "_%08x".formatted(
                ThreadLocalRandom.current().nextInt());
        inTransaction(() -> insertSession(sessionId, status, userId, createdAt, lastMessageAt));
        return sessionId;
    }

    private void insertSession(String sessionId, String status, long userId, Instant createdAt,
                               Instant lastMessageAt) {
        jdbc.sql("""
                        INSERT INTO customer_sessions (session_id, user_id, status, source, priority, created_at,
                                                       updated_at, last_message_at, version)
                        VALUES (:id, :userId, :status, 'mobile', 1, :createdAt, :createdAt, :lastMessageAt, 0)
                        """)
                .param("id", sessionId)
                .param("userId", userId)
                .param("status", status)
                .param("createdAt", createdAt)
                .param("lastMessageAt", lastMessageAt)
                .update();
        addToTotal("opened", 1);
        if (status.equals("closed")) {
            addToTotal("closed", 1);
        }
        if (status.equals("waiting")) {
            addToTotal("pending", 1);
        }
        if (status.equals("waiting") || status.equals("assigned")) {
            addToTotal("waiting", 1);
        }
    }

    /** A user of the test's own, logged in, with an open session: where tests about sessions start. */
    public UserSession newUserSession() {
        Api.LoggedIn user = api.loginNewUser();
        return new UserSession(user, openSession(user));
    }

    public String openSession(Api.LoggedIn user) {
        Api.Reply reply = api.post("/api/v2/chat/sessions", user.token(), Map.of());
        assertThat(reply.status()).as(reply.toString()).isIn(200, 201);
        return reply.data().get("sessionId").asString();
    }

    /** The session as an admin sees it. */
    public JsonNode session(String sessionId, String adminToken) {
        Api.Reply reply = api.get("/api/v2/admin/chat/sessions/" + sessionId, adminToken);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.data();
    }

    public void awaitSession(String sessionId, String adminToken, String status, Long adminId) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode session = session(sessionId, adminToken);
            assertThat(session.get("status").asString()).isEqualTo(status);
            assertThat(session.get("adminId").isNull() ? null : session.get("adminId").asLong()).isEqualTo(adminId);
        });
    }

    /** A connection opened on the current run of {@code nodeId}, which the test later closes or lets expire. */
    public Connection connect(String nodeId, long userId, SenderType role) {
        return connect(nodeId, "conn-" + UUID.randomUUID(), userId, role);
    }

    /** A connection opened with the id the test chose. */
    public Connection connect(String nodeId, String connectionId, long userId, SenderType role) {
        return connect(new Connection(nodeId, runOf(nodeId), connectionId, userId, role));
    }

    /** Announces {@code connection} opened on the run it names ({@code null}: a node that predates run ids). */
    public Connection connect(Connection connection) {
        held(connection).add(connection.connectionId());
        return reannounce(connection);
    }

    /** Announces {@code connection} opened again, by a new event, as a node does after losing one. */
    public Connection reannounce(Connection connection) {
        PresenceEvent opened = new PresenceEvent.ConnectionOpened(PresenceEvent.SCHEMA_VERSION, newId(),
                connection.nodeId(), connection.runId(), clock.instant(), connection.connectionId(),
                connection.userId(), connection.role());
        lastOpenings.put(connection.connectionId(), opened);
        publish(connection.nodeId(), opened);
        return connection;
    }

    /** The last event that announced {@code connection} opened, once more, as a broker redelivers it. */
    public void redeliverOpening(Connection connection) {
        publish(connection.nodeId(), lastOpenings.get(connection.connectionId()));
    }

    public void disconnect(Connection connection) {
        held(connection).remove(connection.connectionId());
        publish(connection.nodeId(), new PresenceEvent.ConnectionClosed(PresenceEvent.SCHEMA_VERSION, newId(),
                connection.nodeId(), connection.runId(), clock.instant(), connection.connectionId(),
                connection.userId(), connection.role()));
    }

    /** The node closes {@code connection}, and its {@code ConnectionClosed} is lost on the way. */
    public void disconnectSilently(Connection connection) {
        held(connection).remove(connection.connectionId());
    }

    /** A heartbeat of the node's current run, counting the connections it opened and closed since it started. */
    public void heartbeat(String nodeId) {
        String runId = runOf(nodeId);
        heartbeat(nodeId, runId, held.getOrDefault(nodeId + "/" + runId, Set.of()).size());
    }

    public void heartbeat(String nodeId, String runId, int connections) {
        publish(nodeId, new PresenceEvent.NodeHeartbeat(PresenceEvent.SCHEMA_VERSION, newId(), nodeId, runId,
                clock.instant(), connections));
    }

    /** The node's process as of now: a run id of its own, until {@link #restart}. */
    public String runOf(String nodeId) {
        return runs.computeIfAbsent(nodeId, node -> "run-" + UUID.randomUUID());
    }

    /** The node was killed and started again under its id: a new run, which holds no connection yet. */
    public void restart(String nodeId) {
        runs.put(nodeId, "run-" + UUID.randomUUID());
    }

    private Set<String> held(Connection connection) {
        return held.computeIfAbsent(connection.nodeId() + "/" + connection.runId(),
                key -> ConcurrentHashMap.newKeySet());
    }

    /** Connects the admin on a node of their own and waits until the service has them online. */
    public Connection bringOnline(Admin admin) {
        Connection connection = connect("node-" + admin.id(), admin.id(), SenderType.ADMIN);
        awaitAdminStatus(admin.id(), "online");
        return connection;
    }

    public String adminStatus(long adminId) {
        return jdbc.sql("SELECT status FROM admin_statuses WHERE admin_id = ?").param(adminId).query(String.class)
                .optional().orElse("offline");
    }

    public void awaitAdminStatus(long adminId, String status) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(adminStatus(adminId)).isEqualTo(status));
    }

    public int currentSessions(long adminId) {
        return jdbc.sql("SELECT current_sessions FROM admin_statuses WHERE admin_id = ?").param(adminId)
                .query(Integer.class).single();
    }

    public int openSessionsHeldBy(long adminId) {
        return jdbc.sql("SELECT COUNT(*) FROM customer_sessions WHERE admin_id = ? AND status <> 'closed'")
                .param(adminId).query(Integer.class).single();
    }

    public long versionOf(String sessionId) {
        return jdbc.sql("SELECT version FROM customer_sessions WHERE session_id = ?").param(sessionId)
                .query(Long.class).single();
    }

    /** What message-service publishes once it has stored a message; answers the event as sent. */
    public MessageEvent.MessageStored messageStored(String sessionId, long sessionUserId, SenderType senderType,
                                                    long senderId, long sequence, String content) {
        Instant at = clock.instant();
        MessageEvent.MessageStored stored = new MessageEvent.MessageStored(MessageEvent.SCHEMA_VERSION, newId(),
                sessionId, at, "msg_" + at.toEpochMilli() + "_%08x".formatted(sequence), sequence, senderId,
                senderType, senderType == SenderType.ADMIN ? "客服" : "用户", null, content, MessageType.TEXT, null,
                List.of(), sessionUserId, senderType == SenderType.ADMIN ? senderId : null);
        publishMessageEvent(stored);
        return stored;
    }

    public void publishMessageEvent(MessageEvent event) {
        producer.send(Topics.MESSAGE_EVENTS, event.sessionId(), JSON.writeValueAsString(event));
    }

    /** The first session event about {@code sessionId} of {@code type} (and {@code reason}, unless null). */
    public JsonNode awaitSessionEvent(String sessionId, String type, String reason) {
        try (TopicReader<String> topic = TopicReader.fromBeginning(bootstrapServers, Topics.SESSION_EVENTS)) {
            return JSON.readTree(topic.awaitRecord(record -> {
                if (!sessionId.equals(record.key())) {
                    return false;
                }
                JsonNode event = JSON.readTree(record.value());
                return event.get("type").asString().equals(type)
                        && (reason == null || event.get("reason").asString().equals(reason));
            }).value());
        }
    }

    public JsonNode lastOperation(String sessionId, String adminToken) {
        return api.get("/api/v2/admin/chat/operation-logs?pageSize=1&sessionId=" + sessionId, adminToken).data()
                .get("logs").get(0);
    }

    private void addToTotal(String total, int sessions) {
        jdbc.sql("""
                        INSERT INTO session_totals (total, slot, sessions) VALUES (?, 0, ?)
                        ON DUPLICATE KEY UPDATE sessions = sessions + VALUES(sessions)
                        """)
                .params(total, sessions)
                .update();
    }

    private void publish(String nodeId, PresenceEvent event) {
        producer.send(Topics.PRESENCE_EVENTS, nodeId, JSON.writeValueAsString(event));
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    void close() {
        producer.close();
    }

    public record Admin(long id, String token) {
    }

    /** A user and their open session. */
    public record UserSession(Api.LoggedIn user, String sessionId) {

        public long userId() {
            return user.userId();
        }

        public String token() {
            return user.token();
        }
    }

    public record Connection(String nodeId, String runId, String connectionId, long userId, SenderType role) {
    }
}
