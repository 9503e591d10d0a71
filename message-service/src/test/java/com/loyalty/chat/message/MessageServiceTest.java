package com.loyalty.chat.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.api.Ids;
import com.loyalty.chat.contracts.events.MessageCommand;
import com.loyalty.chat.contracts.events.MessageCommand.Sender;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.StatusChangeReason;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.contracts.events.UserProfile;
import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.message.sessionview.SessionViews;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.doAnswer;

/**
 * The service against the local stack's MariaDB and Kafka, with sessions made the way session-service makes them:
 * SessionEvents published as JSON on their topic. Every subclass shares one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // Long enough for a test to open a session after its first command was set aside.
        "chat.message.sending.unknown-session.command-patience=10s",
        "chat.message.session-lookup.patience=300ms",
        // Rows left in the outbox are looked for often, so tests of resubmission do not wait long.
        "chat.outbox.resubmit-interval=500ms",
        // Small rows, so that a poll of a few commands already writes several outbox rows in one multi-row insert.
        "chat.outbox.max-row-chars=3000",
        // At JVM exit the stack's database may stop before the context closes, and the outbox relay deletes rows while
        // closing; without this the fork waits out Hikari's default 30 s and Surefire kills it.
        "spring.datasource.hikari.connection-timeout=2000"})
@ContextConfiguration(initializers = LocalStackInitializer.class)
@AutoConfigureRestTestClient
abstract class MessageServiceTest {

    static final String ADMIN_CHAT = "/api/v2/admin/chat/sessions/";
    static final String USER_CHAT = "/api/v2/chat/sessions/";

    private static KafkaProducer<String, String> producer;

    @Autowired
    RestTestClient http;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    /** A spy so tests can see when a send has looked for its session, or make the database seem away for one. */
    @MockitoSpyBean
    SessionViews sessionViews;

    /** What the outbox relay sends with: a spy, so tests can make the broker seem away for a send. */
    @MockitoSpyBean
    KafkaTemplate<?, ?> kafka;

    @BeforeAll
    static void connectProducer() {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    static long newUserId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
    }

    static String newSessionId() {
        return Ids.newSessionId(Clock.systemUTC());
    }

    static String userToken(long userId) {
        return LocalStack.shared().tokens().issue(userId, "136" + (userId % 100_000_000), "user" + userId, false);
    }

    static String adminToken(long adminId) {
        return LocalStack.shared().tokens().issue(adminId, "137" + (adminId % 100_000_000), "admin" + adminId, true);
    }

    /** Opens a session for {@code userId} as session-service would, and waits until the view has it. */
    String openSession(long userId) {
        String sessionId = newSessionId();
        publishSessionEvent(opened(sessionId, userId));
        awaitSessionVersion(sessionId, 1);
        return sessionId;
    }

    /** Moves a session to {@code status}, held by {@code adminId} (null: nobody), and waits until the view has it. */
    void changeSession(String sessionId, long userId, long version, SessionStatus status, Long adminId) {
        publishSessionEvent(statusChanged(sessionId, userId, version, status, adminId));
        awaitSessionVersion(sessionId, version);
    }

    static SessionEvent.SessionOpened opened(String sessionId, long userId) {
        return new SessionEvent.SessionOpened(SessionEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sessionId, 1,
                Instant.now(), new UserProfile(userId, "user" + userId, null, "13600000000"), "mobile", 1);
    }

    static SessionEvent.SessionStatusChanged statusChanged(String sessionId, long userId, long version,
                                                           SessionStatus status, Long adminId) {
        UserProfile admin = adminId == null ? null : new UserProfile(adminId, "admin" + adminId, null, "13700000000");
        return new SessionEvent.SessionStatusChanged(SessionEvent.SCHEMA_VERSION, UUID.randomUUID().toString(),
                sessionId, version, Instant.now(), userId, null, status, admin, StatusChangeReason.ASSIGNED);
    }

    void publishSessionEvent(SessionEvent event) {
        publish(Topics.SESSION_EVENTS, event.sessionId(), json.writeValueAsString(event));
    }

    /**
     * Opens the session the first time a lookup misses it, as if its SessionOpened arrived while a REST request
     * waited for it: the view holds the session before the request looks again. Only a request that looks again can
     * then find it.
     */
    void openSessionWhenFirstMissed(String sessionId, long userId) {
        AtomicBoolean missed = new AtomicBoolean();
        doAnswer(invocation -> {
            Object view = invocation.callRealMethod();
            if (Optional.empty().equals(view) && missed.compareAndSet(false, true)) {
                publishSessionEvent(opened(sessionId, userId));
                awaitSessionVersion(sessionId, 1);
            }
            return view;
        }).when(sessionViews).find(sessionId);
    }

    void awaitSessionVersion(String sessionId, long version) {
        await().until(() -> sessionViews.find(sessionId).filter(view -> view.version() >= version).isPresent());
    }

    static MessageCommand.SendMessage sendCommand(String sessionId, Sender sender, String content,
                                                  MessageType type, String tempMessageId) {
        return new MessageCommand.SendMessage(MessageCommand.SCHEMA_VERSION, UUID.randomUUID().toString(), sessionId,
                sender, Instant.now(), content, type, tempMessageId, List.of());
    }

    static Sender user(long userId) {
        return new Sender(userId, SenderType.USER, "user" + userId, null);
    }

    static Sender admin(long adminId) {
        return new Sender(adminId, SenderType.ADMIN, "admin" + adminId, null);
    }

    static MessageCommand.MarkMessagesRead readCommand(String sessionId, Sender reader, List<String> messageIds) {
        return new MessageCommand.MarkMessagesRead(MessageCommand.SCHEMA_VERSION, UUID.randomUUID().toString(),
                sessionId, reader, Instant.now(), messageIds.isEmpty(), messageIds);
    }

    static MessageCommand.MarkMessagesDelivered deliveredCommand(String sessionId, Sender recipient,
                                                               List<String> messageIds) {
        return new MessageCommand.MarkMessagesDelivered(MessageCommand.SCHEMA_VERSION, UUID.randomUUID().toString(),
                sessionId, recipient, Instant.now(), messageIds);
    }

    void publishCommand(MessageCommand command) {
        publish(Topics.MESSAGE_COMMANDS, command.sessionId(), json.writeValueAsString(command));
    }

    static void publish(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
        catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /**
     * Publishes these commands to one partition, each keyed by its session, without waiting for each acknowledgement:
     * an idle consumer takes them in one poll, and a busy one still in this order.
     */
    void publishToOnePartition(List<? extends MessageCommand> commands) {
        publishAll(commands.stream()
                .map(command -> new ProducerRecord<>(Topics.MESSAGE_COMMANDS, 0, command.sessionId(),
                        json.writeValueAsString(command)))
                .toList());
    }

    /** How many sends wait for their session to show up. */
    long waitingFor(String sessionId) {
        return jdbc.sql("SELECT COUNT(*) FROM waiting_sends WHERE session_id = :sessionId")
                .param("sessionId", sessionId)
                .query(Long.class)
                .single();
    }

    /** Runs {@code statement} (DDL) against the service's schema, e.g. to make the database refuse certain rows. */
    void execute(String statement) {
        jdbc.sql(statement).update();
    }

    /** Publishes without waiting for each acknowledgement, then waits for all of them. */
    static void publishAll(List<ProducerRecord<String, String>> records) {
        records.forEach(producer::send);
        producer.flush();
    }

    static Predicate<ConsumerRecord<String, String>> forSession(String sessionId) {
        return record -> sessionId.equals(record.key());
    }

    static TopicReader<String> readTopic(String topic) {
        return TopicReader.fromBeginning(LocalStack.shared().kafkaBootstrapServers(), topic);
    }

    /** Posts {@code body} as JSON (a String as it is); a null body posts nothing, without a content type. */
    Answer post(String path, String token, Object body) {
        RestTestClient.RequestBodySpec request = http.post().uri(path);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        if (body == null) {
            return answer(request.exchange());
        }
        request.contentType(MediaType.APPLICATION_JSON);
        return answer(body instanceof String raw ? request.body(raw).exchange() : request.body(body).exchange());
    }

    Answer get(String path, String token) {
        RestTestClient.RequestHeadersSpec<?> request = http.get().uri(path);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return answer(request.exchange());
    }

    private Answer answer(RestTestClient.ResponseSpec response) {
        var result = response.returnResult(String.class);
        return new Answer(((ExchangeResult) result).getStatus().value(), json.readTree(result.getResponseBody()));
    }

    /** Sends a text over REST as the session's user and returns the message id. */
    String userSends(String sessionId, long userId, String content) {
        return sent(post(USER_CHAT + sessionId + "/messages", userToken(userId), text(content)));
    }

    /** Sends a text over REST as an admin and returns the message id. */
    String adminSends(String sessionId, long adminId, String content) {
        return sent(post(ADMIN_CHAT + sessionId + "/messages", adminToken(adminId), text(content)));
    }

    private static String sent(Answer answer) {
        assertThat(answer.status()).isEqualTo(201);
        return answer.data().get("messageId").asString();
    }

    static Map<String, Object> text(String content) {
        return Map.of("content", content, "messageType", "text");
    }

    String statusOf(String messageId) {
        return jdbc.sql("SELECT status FROM chat_messages WHERE message_id = :messageId")
                .param("messageId", messageId)
                .query(String.class)
                .single();
    }

    /** The stored rows of a session, as (sequence, message id, sender id, temp id), in sequence order. */
    List<Map<String, Object>> rowsOf(String sessionId) {
        return jdbc.sql("""
                        SELECT sequence, message_id, sender_id, temp_message_id, content
                          FROM chat_messages WHERE session_id = :sessionId ORDER BY sequence""")
                .param("sessionId", sessionId)
                .query()
                .listOfRows();
    }

    static void assertRefused(Answer answer, int status, int code, String msgMentions) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.body().get("success").asBoolean()).isFalse();
        assertThat(answer.data().isNull()).isTrue();
        assertThat(answer.msg()).contains(msgMentions);
    }

    /** Runs {@code task} {@code tasks} times at once and returns the results in submission order. */
    static <T> List<T> inParallel(int tasks, Callable<T> task) throws Exception {
        try (ExecutorService executor = Executors.newFixedThreadPool(tasks)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                futures.add(executor.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
