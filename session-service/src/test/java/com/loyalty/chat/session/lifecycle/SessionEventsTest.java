package com.loyalty.chat.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.contracts.events.UserProfile;
import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.Fixtures;
import com.loyalty.chat.session.ServiceTest;
import com.loyalty.chat.session.StringProducer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ServiceTest
class SessionEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    @Autowired
    JsonMapper appJson;

    @Autowired
    RestTestClient rest;

    /** Nobody online and an empty queue: a session opened here stays waiting. */
    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    Api api;
    String adminToken;
    StringProducer producer;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
        fixtures.reset();
        adminToken = api.login(Api.ADMIN_MOBILE).token();
        producer = new StringProducer(bootstrapServers);
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    @Test
    void openingASessionPublishesSessionOpenedAsTypedJsonKeyedBySession() {
        String mobile = Api.newMobile();
        Api.LoggedIn user = api.login(mobile);
        String sessionId = openSession(user);

        JsonNode event;
        try (TopicReader<String> topic = TopicReader.fromBeginning(bootstrapServers, Topics.SESSION_EVENTS)) {
            ConsumerRecord<String, String> record = topic.awaitRecord(r -> sessionId.equals(r.key()));
            assertThat(record.headers().lastHeader("__TypeId__")).isNull();
            event = JSON.readTree(record.value());
        }

        assertThat(event.get("type").asString()).isEqualTo("SessionOpened");
        assertThat(event.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(UUID.fromString(event.get("eventId").asString())).isNotNull();
        assertThat(event.get("sessionId").asString()).isEqualTo(sessionId);
        assertThat(event.get("sessionVersion").asLong()).isEqualTo(versionOf(sessionId));
        assertThat(event.get("occurredAt").asString()).matches("\\d{4}-.*T.*\\.\\d{3}Z");
        assertThat(event.get("user").get("userId").asLong()).isEqualTo(user.userId());
        assertThat(event.get("user").get("mobile").asString()).isEqualTo(mobile);
        assertThat(event.get("source").asString()).isEqualTo("mobile");
        assertThat(event.get("priority").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(unfinishedPublications()).isZero());
    }

    /** Realtime nodes push new_session, then session_status, as the events arrive: they must arrive in order. */
    @Test
    void aSessionsEventsReachTheTopicInTheOrderTheyHappened() {
        fixtures.bringOnline(fixtures.newAdmin(100));
        List<String> sessions = new ArrayList<>();
        for (int session = 0; session < 20; session++) {
            sessions.add(openSession(api.login(Api.newMobile())));
        }

        try (TopicReader<String> topic = TopicReader.fromBeginning(bootstrapServers, Topics.SESSION_EVENTS)) {
            for (String sessionId : sessions) {
                topic.awaitRecord(record -> sessionId.equals(record.key())
                        && record.value().contains("\"SessionStatusChanged\""));
                List<JsonNode> events = topic.received().stream().filter(record -> sessionId.equals(record.key()))
                        .map(record -> JSON.readTree(record.value())).toList();
                assertThat(events.getFirst().get("type").asString()).isEqualTo("SessionOpened");
                assertThat(events).extracting(event -> event.get("sessionVersion").asLong()).isSorted();
            }
        }
    }

    /** stats-service rebuilds its projection by replaying the topic from the start. */
    @Test
    void sessionEventsAreKeptForever() throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SESSION_EVENTS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);

            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
        }
    }

    @Test
    void publicationLeftUnsentByACrashIsSentLater() {
        String sessionId = "session_1_0000cafe";
        SessionEvent opened = new SessionEvent.SessionOpened(SessionEvent.SCHEMA_VERSION, UUID.randomUUID().toString(),
                sessionId, 1, Instant.now(), new UserProfile(7, "用户", null, "13900000007"), "mobile", 1);
        // What the outbox holds when the process died after committing but before Kafka acknowledged the send.
        fixtures.inTransaction(() -> jdbc.sql("""
                        INSERT INTO outbox (events, created_at) VALUES (:events, NOW(3) - INTERVAL 2 MINUTE)
                        """)
                .param("events", "{\"events\":[" + appJson.writeValueAsString(opened) + "]}")
                .update());

        try (TopicReader<String> topic = TopicReader.fromBeginning(bootstrapServers, Topics.SESSION_EVENTS)) {
            ConsumerRecord<String, String> record = topic.awaitRecord(r -> sessionId.equals(r.key()));
            assertThat(JSON.readTree(record.value()).get("eventId").asString()).isEqualTo(opened.eventId());
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(unfinishedPublications()).isZero());
    }

    @Test
    void adminReplyActivatesTheSessionOnceEvenWhenRedelivered() {
        Api.LoggedIn user = api.loginNewUser();
        String sessionId = openSession(user);
        Instant repliedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String reply = messageStored(sessionId, user.userId(), SenderType.ADMIN, Api.ADMIN_ID, repliedAt);

        producer.send(Topics.MESSAGE_EVENTS, sessionId, reply);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(session(sessionId).get("status").asString()).isEqualTo("active"));
        JsonNode active = session(sessionId);
        assertThat(active.get("adminId").asLong()).isEqualTo(Api.ADMIN_ID);
        assertThat(Instant.parse(active.get("lastMessageTime").asString())).isEqualTo(repliedAt);
        long versionAfterReply = versionOf(sessionId);
        JsonNode statusChanged = statusChangedEventOf(sessionId);
        assertThat(statusChanged.get("oldStatus").asString()).isEqualTo("waiting");
        assertThat(statusChanged.get("newStatus").asString()).isEqualTo("active");
        assertThat(statusChanged.get("admin").get("userId").asLong()).isEqualTo(Api.ADMIN_ID);
        assertThat(statusChanged.get("userId").asLong()).isEqualTo(user.userId());
        assertThat(statusChanged.get("sessionVersion").asLong()).isEqualTo(versionAfterReply);

        Instant userWroteAt = repliedAt.plusSeconds(5);
        producer.send(Topics.MESSAGE_EVENTS, sessionId, reply);
        producer.send(Topics.MESSAGE_EVENTS, sessionId,
                messageStored(sessionId, user.userId(), SenderType.USER, user.userId(), userWroteAt));

        // Same key, same partition: once the later message shows, the redelivery before it has been handled.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Instant.parse(session(sessionId).get("lastMessageTime").asString())).isEqualTo(userWroteAt));
        assertThat(session(sessionId).get("messageCount").asLong()).as("the redelivery counted once").isEqualTo(2);
        assertThat(versionOf(sessionId)).as("message activity is not a lifecycle change").isEqualTo(versionAfterReply);
        assertThat(session(sessionId).get("status").asString()).isEqualTo("active");
        assertThat(adminListIds("active")).contains(sessionId);
        assertThat(adminListIds("pending")).doesNotContain(sessionId);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAsTheyWere() {
        Api.LoggedIn user = api.loginNewUser();
        String sessionId = openSession(user);

        List<String> poison = sendPoisonThenAReply(user, sessionId);

        try (TopicReader<String> deadLetters = TopicReader.fromBeginning(bootstrapServers,
                Topics.deadLetterOf(Topics.MESSAGE_EVENTS))) {
            ConsumerRecord<String, String> first = deadLetters.awaitRecord(r -> poison.get(0).equals(r.value()));
            deadLetters.awaitRecord(r -> poison.get(1).equals(r.value()));
            assertThat(first.key()).isEqualTo(sessionId);
            assertThat(first.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        }
    }

    @Test
    void recordsAfterPoisonRecordsStillCount() {
        Api.LoggedIn user = api.loginNewUser();
        String sessionId = openSession(user);

        sendPoisonThenAReply(user, sessionId);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(session(sessionId).get("status").asString()).isEqualTo("active"));
    }

    /** An unreadable record and one of an unknown schema version, then an admin's reply; answers the two poisons. */
    private List<String> sendPoisonThenAReply(Api.LoggedIn user, String sessionId) {
        // Named by the session, so each test finds its own among the dead letters of earlier ones.
        String unreadable = "{not json " + sessionId;
        String unknownVersion = JSON.writeValueAsString(new MessageEvent.MessageStored(99, UUID.randomUUID().toString(),
                sessionId, Instant.now(), "msg_1_00000000", 1, Api.ADMIN_ID, SenderType.ADMIN, "管理员用户", null,
                "from the future", MessageType.TEXT, null, List.of(), user.userId(), null));
        producer.send(Topics.MESSAGE_EVENTS, sessionId, unreadable);
        producer.send(Topics.MESSAGE_EVENTS, sessionId, unknownVersion);
        producer.send(Topics.MESSAGE_EVENTS, sessionId,
                messageStored(sessionId, user.userId(), SenderType.ADMIN, Api.ADMIN_ID, Instant.now()));
        return List.of(unreadable, unknownVersion);
    }

    /** Rows are deleted once Kafka acknowledged all of their events. */
    private long unfinishedPublications() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single();
    }

    private String openSession(Api.LoggedIn user) {
        return api.post("/api/v2/chat/sessions", user.token(), Map.of()).data().get("sessionId").asString();
    }

    private JsonNode session(String sessionId) {
        return api.get("/api/v2/admin/chat/sessions/" + sessionId, adminToken).data();
    }

    private List<String> adminListIds(String status) {
        return api.get("/api/v2/admin/chat/sessions?pageSize=50&status=" + status, adminToken).data().get("sessions")
                .valueStream().map(item -> item.get("sessionId").asString()).toList();
    }

    private long versionOf(String sessionId) {
        return jdbc.sql("SELECT version FROM customer_sessions WHERE session_id = ?").param(sessionId)
                .query(Long.class).single();
    }

    private JsonNode statusChangedEventOf(String sessionId) {
        try (TopicReader<String> topic = TopicReader.fromBeginning(bootstrapServers, Topics.SESSION_EVENTS)) {
            return JSON.readTree(topic.awaitRecord(r -> sessionId.equals(r.key())
                    && JSON.readTree(r.value()).get("type").asString().equals("SessionStatusChanged")).value());
        }
    }

    /** The message's time doubles as its sequence: later messages of a test have later times. */
    private static String messageStored(String sessionId, long userId, SenderType senderType, long senderId,
                                        Instant at) {
        return JSON.writeValueAsString(new MessageEvent.MessageStored(MessageEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(), sessionId, at, "msg_" + at.toEpochMilli() + "_0000abcd",
                at.toEpochMilli(), senderId,
                senderType, senderType == SenderType.ADMIN ? "管理员用户" : "用户", null, "hello", MessageType.TEXT,
                null, List.of(), userId, senderType == SenderType.ADMIN ? senderId : null));
    }
}
