package com.loyalty.chat.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Who is connected where; published by realtime nodes on {@link Topics#PRESENCE_EVENTS}, keyed by node id so each
 * node's story arrives in order. A node that stops sending {@link NodeHeartbeat}s is presumed dead, and so are
 * its connections.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PresenceEvent.ConnectionOpened.class, name = "ConnectionOpened"),
        @JsonSubTypes.Type(value = PresenceEvent.ConnectionClosed.class, name = "ConnectionClosed"),
        @JsonSubTypes.Type(value = PresenceEvent.NodeHeartbeat.class, name = "NodeHeartbeat")
})
public sealed interface PresenceEvent {

    int SCHEMA_VERSION = 1;

    int schemaVersion();

    String eventId();

    String nodeId();

    Instant occurredAt();

    record ConnectionOpened(int schemaVersion, String eventId, String nodeId, Instant occurredAt,
                            String connectionId, long userId, SenderType role) implements PresenceEvent {
    }

    record ConnectionClosed(int schemaVersion, String eventId, String nodeId, Instant occurredAt,
                            String connectionId, long userId, SenderType role) implements PresenceEvent {
    }

    /** The node is alive and holds {@code connections} connections; sent periodically. */
    record NodeHeartbeat(int schemaVersion, String eventId, String nodeId, Instant occurredAt, int connections)
            implements PresenceEvent {
    }
}
