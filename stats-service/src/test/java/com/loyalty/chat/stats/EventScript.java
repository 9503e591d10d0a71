package com.loyalty.chat.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.StatusChangeReason;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.contracts.events.UserProfile;
import com.loyalty.chat.localstack.LocalStack;

import tools.jackson.databind.json.JsonMapper;

/**
 * A day of session and message events, written as session-service and message-service would publish them (JSON text
 * keyed by session id), then sent to the real topics. The diner is always user 100.
 */
final class EventScript {

    private static final long DINER = 100;

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();
    private final List<ProducerRecord<String, String>> records = new ArrayList<>();

    EventScript opened(String session, long version, String at) {
        return session(session, new SessionEvent.SessionOpened(1, UUID.randomUUID().toString(), session, version,
                Instant.parse(at), new UserProfile(DINER, "diner", null, "13800000100"), "mobile", 1));
    }

    EventScript status(String session, long version, SessionStatus from, SessionStatus to, long admin, String at) {
        return session(session, new SessionEvent.SessionStatusChanged(1, UUID.randomUUID().toString(), session,
                version, Instant.parse(at), DINER, from, to, new UserProfile(admin, "admin", null, null),
                StatusChangeReason.ASSIGNED));
    }

    EventScript rated(String session, long version, long admin, int score, String at) {
        return session(session, new SessionEvent.SessionRated(1, UUID.randomUUID().toString(), session, version,
                Instant.parse(at), DINER, admin, score, null));
    }

    EventScript userMessage(String session, Long heldBy, String at) {
        return message(session, DINER, SenderType.USER, heldBy, at);
    }

    EventScript adminMessage(String session, long admin, String at) {
        return message(session, admin, SenderType.ADMIN, admin, at);
    }

    /** A user's message whose event carries {@code eventId}, as its producer chose it. */
    EventScript userMessageWithEventId(String session, String eventId, String at) {
        records.add(new ProducerRecord<>(Topics.MESSAGE_EVENTS, session, json.writeValueAsString(
                new MessageEvent.MessageStored(1, eventId, session, Instant.parse(at), "msg_" + eventId,
                        records.size(), DINER, SenderType.USER, "n", null, "hello", MessageType.TEXT, null, List.of(),
                        DINER, null))));
        return this;
    }

    /** A record no consumer can read, on the message events topic. */
    EventScript poison(String session, String value) {
        records.add(new ProducerRecord<>(Topics.MESSAGE_EVENTS, session, value));
        return this;
    }

    /** Sends the script {@code times} times over, as a redelivering broker would. */
    void deliver(int times) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (int time = 0; time < times; time++) {
                records.forEach(producer::send);
            }
            producer.flush();
        }
    }

    private EventScript message(String session, long sender, SenderType type, Long heldBy, String at) {
        String id = UUID.randomUUID().toString();
        records.add(new ProducerRecord<>(Topics.MESSAGE_EVENTS, session, json.writeValueAsString(
                new MessageEvent.MessageStored(1, id, session, Instant.parse(at), "msg_" + id, records.size(),
                        sender, type, "n", null, "hello", MessageType.TEXT, null, List.of(), DINER, heldBy))));
        return this;
    }

    private EventScript session(String session, SessionEvent event) {
        records.add(new ProducerRecord<>(Topics.SESSION_EVENTS, session, json.writeValueAsString(event)));
        return this;
    }
}
