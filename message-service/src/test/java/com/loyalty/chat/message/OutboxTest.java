package com.loyalty.chat.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.events.MessageCommand.SendMessage;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;

/**
 * The outbox and its relay against the real broker and database: what a transaction commits reaches
 * {@code chat.message-events.v1} in each session's commit order, once; rows left in the outbox are sent again.
 */
class OutboxTest extends MessageServiceTest {

    /** The stored form of an outbox row, as Modulith's registry also stored an {@code OutboxBatch}. */
    record StoredRow(List<MessageEvent> events) {
    }

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void eachSessionsEventsReachTheTopicInCommitOrderOnceAcrossManyPollsAndRestSends() throws Exception {
        int sessionCount = 4;
        int commandsPerSession = 40;
        int restSendsPerSession = 10;
        List<Long> users = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        for (int s = 0; s < sessionCount; s++) {
            users.add(newUserId());
            sessions.add(openSession(users.getLast()));
        }
        List<SendMessage> commands = new ArrayList<>();
        for (int i = 0; i < commandsPerSession; i++) {
            for (int s = 0; s < sessionCount; s++) {
                commands.add(sendCommand(sessions.get(s), user(users.get(s)), "kafka " + i, MessageType.TEXT,
                        "k" + i));
            }
        }

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            // Commands through the consumers and REST sends on request threads, committing to the same sessions at once.
            publishAll(commands.stream()
                    .map(command -> new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.MESSAGE_COMMANDS,
                            command.sessionId(), json.writeValueAsString(command)))
                    .toList());
            AtomicInteger next = new AtomicInteger();
            inParallel(sessionCount, () -> {
                int s = next.getAndIncrement();
                for (int i = 0; i < restSendsPerSession; i++) {
                    userSends(sessions.get(s), users.get(s), "rest " + i);
                }
                return s;
            });
            int perSession = commandsPerSession + restSendsPerSession;
            for (String sessionId : sessions) {
                events.awaitRecords(perSession, forSession(sessionId));
            }
            // Once a session's rows are deleted nothing can send its events again, so whatever reached the topic before
            // a last message is all there will ever be.
            await().until(() -> outboxRowsMentioning(sessions) == 0);
            for (int s = 0; s < sessionCount; s++) {
                userSends(sessions.get(s), users.get(s), "last");
            }

            for (String sessionId : sessions) {
                List<ConsumerRecord<String, String>> records = events.awaitRecords(perSession + 1,
                        forSession(sessionId));
                assertThat(records).extracting(record -> json.readTree(record.value()).get("sequence").asLong())
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, perSession + 1).boxed().toList());
                assertThat(json.readTree(records.getLast().value()).get("content").asString()).isEqualTo("last");
            }
        }
    }

    @Test
    void anEventKafkaDidNotTakeIsSentAgainBeforeTheSessionsLaterEvents() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        // The broker seems away for the session's first event, and is back for everything after it.
        doReturn(CompletableFuture.failedFuture(new TimeoutException("broker away")))
                .doCallRealMethod()
                .when(relayTemplate()).send(eq(Topics.MESSAGE_EVENTS), eq(sessionId), anyString());

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            publishCommand(sendCommand(sessionId, user(userId), "first", MessageType.TEXT, "first"));
            await().until(() -> rowsOf(sessionId).size() == 1);
            publishCommand(sendCommand(sessionId, user(userId), "second", MessageType.TEXT, "second"));
            await().until(() -> rowsOf(sessionId).size() == 2);
            userSends(sessionId, userId, "third");

            events.awaitRecords(3, forSession(sessionId));
            await().until(() -> outboxRowsMentioning(List.of(sessionId)) == 0);
            userSends(sessionId, userId, "fourth");

            assertThat(events.awaitRecords(4, forSession(sessionId)))
                    .extracting(record -> json.readTree(record.value()).get("content").asString())
                    .containsExactly("first", "second", "third", "fourth");
        }
    }

    @Test
    void aRowLeftInTheOutboxIsSentAgainInItsOrderAndDeleted() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        List<MessageEvent> leftBehind = List.of(stored(sessionId, userId, 1, "left behind"),
                stored(sessionId, userId, 2, "left behind too"));

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            // As a process that died before Kafka acknowledged them would have left them (or an old registry row).
            long rowId = insertOutboxRow(json.writeValueAsString(new StoredRow(leftBehind)));

            await().until(() -> !outboxRowExists(rowId));
            // Sent after the row was deleted, so it follows everything the row's resubmission produced.
            userSends(sessionId, userId, "after them");

            List<ConsumerRecord<String, String>> records = events.awaitRecords(3, forSession(sessionId));
            assertThat(records).extracting(record -> json.readTree(record.value()).get("content").asString())
                    .containsExactly("left behind", "left behind too", "after them");
            assertThat(json.readTree(records.getFirst().value()).get("eventId").asString())
                    .isEqualTo(leftBehind.getFirst().eventId());
        }
    }

    @Test
    void aRowThatCannotBeReadStaysAndHoldsUpNothing() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        long unreadable = insertOutboxRow("{\"events\": [{\"type\": \"NoSuchEvent\", \"sessionId\": \"" + sessionId
                + "\"}]}");
        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            long readable = insertOutboxRow(json.writeValueAsString(new StoredRow(List.of(
                    stored(sessionId, userId, 1, "readable")))));

            await().until(() -> !outboxRowExists(readable));
            userSends(sessionId, userId, "and the live path");

            assertThat(events.awaitRecords(2, forSession(sessionId)))
                    .extracting(record -> json.readTree(record.value()).get("content").asString())
                    .containsExactly("readable", "and the live path");
            assertThat(outboxRowExists(unreadable)).isTrue();
        }
        finally {
            new TransactionTemplate(transactionManager).executeWithoutResult(status ->
                    jdbc.sql("DELETE FROM outbox WHERE id = :id").param("id", unreadable).update());
        }
    }

    @SuppressWarnings("unchecked")
    private KafkaTemplate<String, String> relayTemplate() {
        return (KafkaTemplate<String, String>) kafka;
    }

    private static MessageStored stored(String sessionId, long userId, long sequence, String content) {
        String messageId = "msg_" + System.currentTimeMillis() + "_" + UUID.randomUUID().toString().substring(0, 8);
        return new MessageStored(MessageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sessionId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), messageId, sequence, userId, SenderType.USER,
                "user" + userId, null, content, MessageType.TEXT, null, List.of(), userId, null);
    }

    /** Inserts a row as if it had waited an hour, committed on its own. */
    private long insertOutboxRow(String events) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            jdbc.sql("INSERT INTO outbox (events, created_at) VALUES (:events, NOW(3) - INTERVAL 1 HOUR)")
                    .param("events", events)
                    .update();
            return jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
        });
    }

    private boolean outboxRowExists(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE id = :id").param("id", id).query(Long.class).single() > 0;
    }

    private long outboxRowsMentioning(List<String> sessionIds) {
        return sessionIds.stream()
                .mapToLong(sessionId -> jdbc.sql("SELECT COUNT(*) FROM outbox WHERE events LIKE :session")
                        .param("session", "%" + sessionId + "%")
                        .query(Long.class)
                        .single())
                .sum();
    }
}
