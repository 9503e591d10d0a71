package com.loyalty.chat.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rough look at throughput: a burst of SendMessage commands over many sessions, stored and then announced. The
 * rates are printed for a human to read (they depend on the machine and whatever else runs); the test only checks
 * that everything arrived, in order.
 */
class ThroughputTest extends MessageServiceTest {

    private static final int SESSIONS = 50;
    private static final int MESSAGES_PER_SESSION = 100;

    @Test
    void storesAndAnnouncesABurstOfCommandsInOrder() {
        List<String> sessions = new ArrayList<>();
        List<Long> users = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            users.add(newUserId());
            sessions.add(newSessionId());
            publishSessionEvent(opened(sessions.getLast(), users.getLast()));
        }
        sessions.forEach(sessionId -> awaitSessionVersion(sessionId, 1));
        List<ProducerRecord<String, String>> commands = new ArrayList<>();
        for (int i = 0; i < MESSAGES_PER_SESSION; i++) {
            for (int s = 0; s < SESSIONS; s++) {
                String sessionId = sessions.get(s);
                commands.add(new ProducerRecord<>(Topics.MESSAGE_COMMANDS, sessionId, json.writeValueAsString(
                        sendCommand(sessionId, user(users.get(s)), "message " + i, MessageType.TEXT, "t" + i))));
            }
        }

        long start = System.nanoTime();
        publishAll(commands);
        long published = System.nanoTime();
        await().until(() -> storedIn(sessions) == commands.size());
        long stored = System.nanoTime();
        await().atMost(java.time.Duration.ofMinutes(10)).until(() -> outstandingOutboxRows() == 0);
        long announced = System.nanoTime();

        System.out.printf("Throughput: %d commands published in %d ms, stored after %d ms (%.0f/s), "
                        + "all MessageStored acknowledged by Kafka after %d ms (%.0f/s)%n", commands.size(),
                millis(start, published), millis(start, stored), rate(commands.size(), start, stored),
                millis(start, announced), rate(commands.size(), start, announced));
        for (String sessionId : sessions) {
            List<Map<String, Object>> rows = rowsOf(sessionId);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).get("content")).isEqualTo("message " + i);
            }
        }
    }

    private long storedIn(List<String> sessions) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_messages WHERE session_id IN (:sessions)")
                .param("sessions", sessions)
                .query(Long.class)
                .single();
    }

    /** Rows are deleted once Kafka acknowledged all of their events. */
    private long outstandingOutboxRows() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single();
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static double rate(int count, long from, long to) {
        return count * 1e9 / (to - from);
    }
}
