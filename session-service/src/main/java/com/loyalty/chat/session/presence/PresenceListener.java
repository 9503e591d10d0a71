package com.loyalty.chat.session.presence;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.loyalty.chat.chassis.kafka.BatchPoison;
import com.loyalty.chat.chassis.kafka.ContractRecords;
import com.loyalty.chat.chassis.kafka.PoisonRecordException;
import com.loyalty.chat.contracts.events.PresenceEvent;
import com.loyalty.chat.contracts.events.Topics;

/**
 * Follows the realtime nodes' presence reports; keyed by node, so each node's story arrives in order. A poll is
 * applied in one transaction ({@link PresenceTracker#apply}). A report that cannot be read or applied is
 * dead-lettered and the rest of its poll is applied ({@link BatchPoison}); a database that is away fails the whole
 * poll, which is retried until it answers again.
 */
@Component
class PresenceListener {

    /** The widths of the columns these ids are kept in. */
    private static final int MAX_NODE_ID = 200;
    private static final int MAX_RUN_ID = 64;
    private static final int MAX_EVENT_ID = 64;
    private static final int MAX_CONNECTION_ID = 100;

    private final ContractRecords records;
    private final PresenceTracker tracker;

    PresenceListener(ContractRecords records, PresenceTracker tracker) {
        this.records = records;
        this.tracker = tracker;
    }

    /** The listener id names the consumers in their group (static membership), so it stays as it was. */
    @KafkaListener(id = "presence-events", idIsGroup = false, topics = Topics.PRESENCE_EVENTS, batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        BatchPoison.handleIsolatingPoison(records,
                batch -> tracker.apply(batch.stream().map(record -> read(record.value())).toList()));
    }

    private PresenceEvent read(String record) {
        return complete(records.read(record, PresenceEvent.class, PresenceEvent::schemaVersion,
                PresenceEvent.SCHEMA_VERSION));
    }

    /** Missing or oversized parts would fail the same way on every retry, so they make the record poison at once. */
    private static PresenceEvent complete(PresenceEvent event) {
        String kind = event.getClass().getSimpleName();
        requireId(kind, "nodeId", event.nodeId(), MAX_NODE_ID);
        requireId(kind, "eventId", event.eventId(), MAX_EVENT_ID);
        if (event.runId() != null && event.runId().length() > MAX_RUN_ID) {
            throw new PoisonRecordException(kind + " with a runId longer than " + MAX_RUN_ID);
        }
        switch (event) {
            case PresenceEvent.ConnectionOpened opened -> requireConnection(kind, opened.connectionId(),
                    opened.role() != null);
            case PresenceEvent.ConnectionClosed closed -> requireConnection(kind, closed.connectionId(),
                    closed.role() != null);
            case PresenceEvent.NodeHeartbeat heartbeat -> {
                if (heartbeat.connections() < 0) {
                    throw new PoisonRecordException("NodeHeartbeat with a negative connection count");
                }
            }
        }
        return event;
    }

    private static void requireConnection(String kind, String connectionId, boolean hasRole) {
        requireId(kind, "connectionId", connectionId, MAX_CONNECTION_ID);
        if (!hasRole) {
            throw new PoisonRecordException(kind + " without role");
        }
    }

    private static void requireId(String kind, String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new PoisonRecordException(kind + " without " + name);
        }
        if (value.length() > maxLength) {
            throw new PoisonRecordException(kind + " with a " + name + " longer than " + maxLength);
        }
    }
}
