package com.loyalty.chat.realtime.presence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.loyalty.chat.contracts.events.PresenceEvent;
import com.loyalty.chat.contracts.events.PresenceEvent.ConnectionClosed;
import com.loyalty.chat.contracts.events.PresenceEvent.ConnectionOpened;
import com.loyalty.chat.contracts.events.PresenceEvent.NodeHeartbeat;
import com.loyalty.chat.contracts.events.SenderType;

/**
 * What this run of the node has told the presence topic: the connections it announced opened and not yet closed.
 * Heartbeats report exactly that number, so a consumer that read every event holds as many as a heartbeat says.
 *
 * <p>When an event is lost (the broker refused it for longer than the producer retries), the next tick re-announces
 * every connection between two heartbeats: a consumer then knows every connection it still holds for this run and
 * that was not re-announced between those two heartbeats is gone (its {@code ConnectionClosed} was the lost event).
 * Re-announcing repeats until one goes through without loss.
 *
 * <p>Not thread-safe: the publisher calls it on one thread, in the order things happened.
 */
final class PresenceStory {

    /** A connection as its presence events describe it. */
    record Announced(String connectionId, long userId, SenderType role) {
    }

    private final String nodeId;
    private final String runId;
    private final Clock clock;
    private final Map<String, Announced> announced = new LinkedHashMap<>();
    private boolean lossReported;

    PresenceStory(String nodeId, String runId, Clock clock) {
        this.nodeId = nodeId;
        this.runId = runId;
        this.clock = clock;
    }

    PresenceEvent opened(Announced connection) {
        announced.put(connection.connectionId(), connection);
        return openedEvent(connection);
    }

    PresenceEvent closed(Announced connection) {
        announced.remove(connection.connectionId());
        return new ConnectionClosed(PresenceEvent.SCHEMA_VERSION, newEventId(), nodeId, runId, clock.instant(),
                connection.connectionId(), connection.userId(), connection.role());
    }

    /** An event of this story did not reach the topic. */
    void lost() {
        lossReported = true;
    }

    /** A heartbeat; after a loss, a heartbeat, every announced connection again, and a heartbeat. */
    List<PresenceEvent> tick() {
        if (!lossReported) {
            return List.of(heartbeat());
        }
        lossReported = false;
        List<PresenceEvent> resync = new ArrayList<>(announced.size() + 2);
        resync.add(heartbeat());
        announced.values().forEach(connection -> resync.add(openedEvent(connection)));
        resync.add(heartbeat());
        return resync;
    }

    private PresenceEvent heartbeat() {
        return new NodeHeartbeat(PresenceEvent.SCHEMA_VERSION, newEventId(), nodeId, runId, clock.instant(),
                announced.size());
    }

    private PresenceEvent openedEvent(Announced connection) {
        return new ConnectionOpened(PresenceEvent.SCHEMA_VERSION, newEventId(), nodeId, runId, clock.instant(),
                connection.connectionId(), connection.userId(), connection.role());
    }

    private static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
