package com.loyalty.chat.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Who is connected where; published by realtime nodes on {@link Topics#PRESENCE_EVENTS}, keyed by node id so each
 * node's story arrives in order. A node that stops sending {@link NodeHeartbeat}s is presumed dead, and so are
 * its connections.
 *
 * <p>{@code runId} names one run of the node: a random id each time the node's process starts, so a node restarted
 * under its id is told apart from its dead predecessor, whose connections died with it. Added after version 1 without
 * changing it: events of nodes that predate it have none, and all of one node's events without it count as one run of
 * their own.
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

    /** This run of the node; null from nodes that predate it. */
    String runId();

    Instant occurredAt();

    record ConnectionOpened(int schemaVersion, String eventId, String nodeId, String runId, Instant occurredAt,
                            String connectionId, long userId, SenderType role) implements PresenceEvent {
    }

    record ConnectionClosed(int schemaVersion, String eventId, String nodeId, String runId, Instant occurredAt,
                            String connectionId, long userId, SenderType role) implements PresenceEvent {
    }

    /**
     * The node is alive and holds {@code connections} connections: those it announced opened and not yet closed, as
     * of this point in its story. Sent periodically.
     */
    record NodeHeartbeat(int schemaVersion, String eventId, String nodeId, String runId, Instant occurredAt,
                         int connections) implements PresenceEvent {
    }
}
