package com.loyalty.chat.session.lifecycle;

import static com.loyalty.chat.session.Fixtures.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.Fixtures;
import com.loyalty.chat.session.Fixtures.Admin;
import com.loyalty.chat.session.Fixtures.UserSession;
import com.loyalty.chat.session.ServiceTest;
import com.loyalty.chat.session.StringProducer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * message-service's events are applied a poll at a time: one transaction, the poll's event ids recorded together, one
 * read-model statement per session. Polls are handed to the service's own handlers here, so that a test knows exactly
 * what one poll held, and counts the statements the database ran for it (on the transaction's own connection).
 */
@ServiceTest
class MessageBatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final AtomicLong OFFSETS = new AtomicLong();

    @Autowired
    RestTestClient rest;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MessageActivity activity;

    @Autowired
    MessageEventListener listener;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    Api api;
    Admin admin;
    Admin colleague;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
        fixtures.reset();
        admin = fixtures.newAdmin(5);
        colleague = fixtures.newAdmin(5);
    }

    @Test
    void aPollForSeveralSessionsUpdatesEachSessionOnce() {
        UserSession one = fixtures.newUserSession();
        UserSession two = fixtures.newUserSession();
        UserSession three = fixtures.newUserSession();

        Map<String, Long> firstTime = statementsOf(pollAbout(one, two, three));

        assertThat(firstTime).as("one UPDATE per session, the event ids in one INSERT")
                .containsEntry("Com_update", 3L).containsEntry("Com_insert", 1L);
        JsonNode itemOne = fixtures.session(one.sessionId(), admin.token());
        assertThat(itemOne.get("messageCount").asLong()).isEqualTo(3);
        assertThat(itemOne.get("unreadCount").asLong()).isEqualTo(3);
        assertThat(itemOne.get("lastMessage").get("content").asString()).isEqualTo("一-3");
        JsonNode itemTwo = fixtures.session(two.sessionId(), admin.token());
        assertThat(itemTwo.get("messageCount").asLong()).isEqualTo(1);
        assertThat(itemTwo.get("unreadCount").asLong()).isEqualTo(1);
        JsonNode itemThree = fixtures.session(three.sessionId(), admin.token());
        assertThat(itemThree.get("messageCount").asLong()).isEqualTo(1);
        assertThat(itemThree.get("unreadCount").asLong()).as("read by the admin side").isZero();
    }

    @Test
    void aRedeliveredPollChangesNothing() {
        UserSession one = fixtures.newUserSession();
        UserSession two = fixtures.newUserSession();
        UserSession three = fixtures.newUserSession();
        List<MessageEvent> poll = pollAbout(one, two, three);
        statementsOf(poll);
        JsonNode itemOne = fixtures.session(one.sessionId(), admin.token());
        JsonNode itemTwo = fixtures.session(two.sessionId(), admin.token());
        JsonNode itemThree = fixtures.session(three.sessionId(), admin.token());

        Map<String, Long> again = statementsOf(poll);

        assertThat(again).containsEntry("Com_update", 0L).containsEntry("Com_insert", 0L);
        assertThat(fixtures.session(one.sessionId(), admin.token())).isEqualTo(itemOne);
        assertThat(fixtures.session(two.sessionId(), admin.token())).isEqualTo(itemTwo);
        assertThat(fixtures.session(three.sessionId(), admin.token())).isEqualTo(itemThree);
    }

    /**
     * Messages for all three sessions, out of order for the first, read by the admin side in the third, and a user's
     * reading and a refusal in the second.
     */
    private List<MessageEvent> pollAbout(UserSession one, UserSession two, UserSession three) {
        MessageEvent.MessageStored threeFirst = stored(three, SenderType.USER, three.userId(), 1, "三-1");
        return List.of(
                stored(one, SenderType.USER, one.userId(), 1, "一-1"),
                stored(two, SenderType.USER, two.userId(), 1, "二-1"),
                // Later by sequence, but consumed before an earlier one: the later stays the last message.
                stored(one, SenderType.USER, one.userId(), 3, "一-3"),
                threeFirst,
                stored(one, SenderType.USER, one.userId(), 2, "一-2"),
                read(three, SenderType.ADMIN, admin.id(), List.of(threeFirst.messageId())),
                // Neither a user's reading nor a refusal changes the list.
                read(two, SenderType.USER, two.userId(), List.of("msg_1_00000001")),
                new MessageEvent.MessageRejected(MessageEvent.SCHEMA_VERSION, newId(), two.sessionId(), Instant.now(),
                        "cmd-1", two.userId(), SenderType.USER, "t-1", 4013, "too long"));
    }

    @Test
    void aPollPartlySeenBeforeAppliesOnlyWhatIsNew() {
        UserSession session = fixtures.newUserSession();
        MessageEvent.MessageStored seen = stored(session, SenderType.USER, session.userId(), 1, "旧");
        statementsOf(List.of(seen));

        statementsOf(List.of(seen, seen, stored(session, SenderType.USER, session.userId(), 2, "新")));

        JsonNode item = fixtures.session(session.sessionId(), admin.token());
        assertThat(item.get("messageCount").asLong()).isEqualTo(2);
        assertThat(item.get("lastMessage").get("content").asString()).isEqualTo("新");
    }

    /**
     * Replies act in the order they came, each seeing what the ones before it did: the first activates the pending
     * session for its admin, a colleague's later reply is logged as one that changed nothing; a reply to a session
     * already active changes nothing either.
     */
    @Test
    void repliesInOnePollActInTheOrderTheyCame() {
        UserSession pending = fixtures.newUserSession();
        UserSession active = fixtures.newUserSession();
        statementsOf(List.of(stored(active, SenderType.ADMIN, colleague.id(), 1, "在的")));
        assertThat(fixtures.session(active.sessionId(), admin.token()).get("status").asString()).isEqualTo("active");

        statementsOf(List.of(
                stored(pending, SenderType.USER, pending.userId(), 1, "有人吗"),
                stored(active, SenderType.ADMIN, colleague.id(), 2, "还在"),
                stored(pending, SenderType.ADMIN, admin.id(), 2, "您好"),
                stored(pending, SenderType.ADMIN, colleague.id(), 3, "我也在")));

        JsonNode item = fixtures.session(pending.sessionId(), admin.token());
        assertThat(item.get("status").asString()).isEqualTo("active");
        assertThat(item.get("adminId").asLong()).isEqualTo(admin.id());
        assertThat(item.get("messageCount").asLong()).isEqualTo(3);
        assertThat(fixtures.currentSessions(admin.id())).isEqualTo(1);
        JsonNode logs = api.get("/api/v2/admin/chat/operation-logs?sessionId=" + pending.sessionId(),
                admin.token()).data().get("logs");
        assertThat(logs.valueStream().map(entry -> entry.get("action").asString() + "/" + entry.get("operatorId")
                .asLong() + "/" + entry.get("toStatus").asString()))
                .containsExactly("reply/" + colleague.id() + "/active", "reply/" + admin.id() + "/active");
        assertThat(logs.get(0).get("note").isNull()).as("the colleague's reply changed nothing").isFalse();
        assertThat(fixtures.session(active.sessionId(), admin.token()).get("adminId").asLong())
                .isEqualTo(colleague.id());
        JsonNode activeLogs = api.get("/api/v2/admin/chat/operation-logs?sessionId=" + active.sessionId(),
                admin.token()).data().get("logs");
        assertThat(activeLogs).hasSize(2);
    }

    /**
     * Another consumer (one that still held the partition before a rebalance) records one of the poll's event ids
     * while this one is inserting them: which of the ids were skipped is then unknown, so the poll is handled again
     * one event at a time, where each answer is unambiguous. The event the other consumer recorded is its own to
     * apply; nothing is dead-lettered, nothing counted twice.
     */
    @Test
    void anEventRecordedMeanwhileByAnotherConsumerIsSortedOutOneEventAtATime() throws Exception {
        UserSession session = fixtures.newUserSession();
        MessageEvent.MessageStored mine = stored(session, SenderType.USER, session.userId(), 1, "我的");
        MessageEvent.MessageStored contested =
                stored(session, SenderType.USER, session.userId(), 2, "别人的");
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Void> otherConsumer = CompletableFuture.runAsync(
                    () -> transactions.executeWithoutResult(status -> {
                        jdbc.sql("INSERT INTO processed_events (event_id, processed_at) VALUES (?, UTC_TIMESTAMP(3))")
                                .param(contested.eventId()).update();
                        recorded.countDown();
                        awaitLatch(commit);
                    }), threads);
            CompletableFuture<Void> poll;
            try {
                assertThat(recorded.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
                poll = CompletableFuture.runAsync(
                        () -> listener.on(List.of(record(session.sessionId(), mine),
                                record(session.sessionId(), contested))), threads);
                // The poll's insert waits for the other consumer's lock on the contested id.
                await().atMost(PATIENCE).until(() -> poll.isDone() || jdbc.sql(
                                "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'")
                        .query(Long.class).single() > 0);
            } finally {
                commit.countDown();
            }
            otherConsumer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            poll.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        JsonNode item = fixtures.session(session.sessionId(), admin.token());
        assertThat(item.get("messageCount").asLong()).as("the contested event is the other consumer's").isEqualTo(1);
        assertThat(item.get("lastMessage").get("content").asString()).isEqualTo("我的");
    }

    /** Through the broker: the records around a poison record are applied, for every session, and it is dead-lettered. */
    @Test
    void aPoisonRecordInAPollIsDeadLetteredAndTheRestApplied() {
        UserSession one = fixtures.newUserSession();
        UserSession two = fixtures.newUserSession();
        String poison = "{\"type\":\"MessageStored\",\"schemaVersion\":1,\"eventId\":\"" + newId() + "\"}";
        try (StringProducer producer = new StringProducer(bootstrapServers)) {
            List<MessageEvent.MessageStored> good = new ArrayList<>();
            good.add(stored(one, SenderType.USER, one.userId(), 1, "一-1"));
            good.add(stored(two, SenderType.USER, two.userId(), 1, "二-1"));
            for (MessageEvent.MessageStored event : good) {
                producer.send(Topics.MESSAGE_EVENTS, event.sessionId(), JSON.writeValueAsString(event));
            }
            producer.send(Topics.MESSAGE_EVENTS, one.sessionId(), poison);
            for (MessageEvent.MessageStored event : List.of(
                    stored(one, SenderType.USER, one.userId(), 2, "一-2"),
                    stored(two, SenderType.USER, two.userId(), 2, "二-2"))) {
                producer.send(Topics.MESSAGE_EVENTS, event.sessionId(), JSON.writeValueAsString(event));
            }
        }

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(fixtures.session(one.sessionId(), admin.token()).get("messageCount").asLong()).isEqualTo(2);
            assertThat(fixtures.session(two.sessionId(), admin.token()).get("messageCount").asLong()).isEqualTo(2);
        });
        assertThat(fixtures.session(one.sessionId(), admin.token()).get("lastMessage").get("content").asString())
                .isEqualTo("一-2");
        try (TopicReader<String> deadLetters = TopicReader.fromBeginning(bootstrapServers,
                Topics.deadLetterOf(Topics.MESSAGE_EVENTS))) {
            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(record -> poison.equals(record.value()));
            assertThat(dead.key()).isEqualTo(one.sessionId());
        }
    }

    /** Runs one poll in a transaction of the test's own and answers the statements it cost, by kind. */
    private Map<String, Long> statementsOf(List<MessageEvent> poll) {
        return transactions.execute(status -> {
            Map<String, Long> before = statementCounters();
            activity.apply(poll);
            Map<String, Long> after = statementCounters();
            return after.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    counter -> counter.getValue() - before.getOrDefault(counter.getKey(), 0L)));
        });
    }

    private Map<String, Long> statementCounters() {
        return jdbc.sql("SHOW SESSION STATUS WHERE Variable_name IN ('Com_update', 'Com_insert', 'Com_select')")
                .query((row, number) -> Map.entry(row.getString(1), row.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static MessageEvent.MessageStored stored(UserSession session, SenderType senderType, long senderId,
                                                     long sequence, String content) {
        Instant at = Instant.now();
        return new MessageEvent.MessageStored(MessageEvent.SCHEMA_VERSION, newId(), session.sessionId(), at,
                "msg_" + at.toEpochMilli() + "_" + UUID.randomUUID().toString().substring(0, 8), sequence, senderId,
                senderType, senderType == SenderType.ADMIN ? "客服" : "用户", null, content, MessageType.TEXT, null,
                List.of(), session.userId(), senderType == SenderType.ADMIN ? senderId : null);
    }

    private static MessageEvent.MessagesRead read(UserSession session, SenderType readerType, long readerId,
                                                  List<String> messageIds) {
        return new MessageEvent.MessagesRead(MessageEvent.SCHEMA_VERSION, newId(), session.sessionId(), Instant.now(),
                readerId, readerType, messageIds, session.userId(), null);
    }

    private static ConsumerRecord<String, String> record(String key, MessageEvent event) {
        return new ConsumerRecord<>(Topics.MESSAGE_EVENTS, 0, OFFSETS.incrementAndGet(), key,
                JSON.writeValueAsString(event));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
