package com.loyalty.chat.session.presence;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.events.PresenceEvent;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.session.messaging.EventJson;
import com.loyalty.chat.session.messaging.PoisonRecordException;

/** Follows the realtime nodes' presence reports; keyed by node, so each node's story arrives in order. */
@Component
class PresenceListener {

    private final EventJson json;
    private final PresenceTracker tracker;

    PresenceListener(EventJson json, PresenceTracker tracker) {
        this.json = json;
        this.tracker = tracker;
    }

    @KafkaListener(id = "presence-events", idIsGroup = false, topics = Topics.PRESENCE_EVENTS)
    void on(String record) {
        tracker.apply(complete(json.read(record, PresenceEvent.class)));
    }

    /** Missing parts would fail the same way on every retry, so they make the record poison at once. */
    private static PresenceEvent complete(PresenceEvent event) {
        if (event.schemaVersion() != PresenceEvent.SCHEMA_VERSION) {
            throw new PoisonRecordException("Unsupported schemaVersion " + event.schemaVersion());
        }
        if (isBlank(event.nodeId())) {
            throw new PoisonRecordException(event.getClass().getSimpleName() + " without nodeId");
        }
        boolean connectionIncomplete = switch (event) {
            case PresenceEvent.ConnectionOpened opened -> isBlank(opened.connectionId()) || opened.role() == null;
            case PresenceEvent.ConnectionClosed closed -> isBlank(closed.connectionId()) || closed.role() == null;
            case PresenceEvent.NodeHeartbeat _ -> false;
        };
        if (connectionIncomplete) {
            throw new PoisonRecordException(event.getClass().getSimpleName() + " without connectionId or role");
        }
        return event;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
