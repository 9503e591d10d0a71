package com.loyalty.chat.session.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.loyalty.chat.contracts.events.SenderType;

/**
 * A node's openings and closings, in the order it told them, gathered between two statements that read its
 * connections (a heartbeat, a new run, the poll's end): a connection storm then costs a read, a delete and a batched
 * insert per poll instead of two statements per connection. {@link #settle} says what applying them one by one would
 * have left.
 */
final class ConnectionChanges {

    private sealed interface Change permits Opening, Closing {
    }

    /** An announced opening, as the node's run tells it. */
    record Opening(String connectionId, long userId, SenderType role, String eventId) implements Change {
    }

    private record Closing(String connectionId) implements Change {
    }

    /**
     * What the changes leave: the connections to delete, then the openings to write (an opening of a connection held
     * already only updates its announcement), and whether an opening announced a held connection again by a new
     * event, which marks the node as having re-announced.
     */
    record Outcome(Set<String> closed, List<Opening> opened, boolean announcedAgain) {
    }

    private final String runId;
    private final long heartbeats;
    private final List<Change> changes = new ArrayList<>();

    /** Changes told by the node's run {@code runId} after {@code heartbeats} of its heartbeats. */
    ConnectionChanges(String runId, long heartbeats) {
        this.runId = runId;
        this.heartbeats = heartbeats;
    }

    String runId() {
        return runId;
    }

    long heartbeats() {
        return heartbeats;
    }

    void opened(Opening opening) {
        changes.add(opening);
    }

    void closed(String connectionId) {
        changes.add(new Closing(connectionId));
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    Set<String> openedConnectionIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (Change change : changes) {
            if (change instanceof Opening opening) {
                ids.add(opening.connectionId());
            }
        }
        return ids;
    }

    /**
     * {@code announcedBefore}: each of {@link #openedConnectionIds()} held already, with the event that last announced
     * it (null for one announced before events had ids). A redelivered opening (the event that announced the held
     * connection) changes nothing. A connection closed and opened again is deleted first, so it is written afresh; one
     * opened twice keeps what its first opening wrote and its last announcement, as the database would.
     */
    Outcome settle(Map<String, String> announcedBefore) {
        Map<String, String> held = new HashMap<>(announcedBefore);
        Set<String> closed = new LinkedHashSet<>();
        Map<String, Opening> opened = new LinkedHashMap<>();
        boolean announcedAgain = false;
        for (Change change : changes) {
            switch (change) {
                case Opening opening -> {
                    String id = opening.connectionId();
                    boolean isHeld = held.containsKey(id);
                    if (isHeld && opening.eventId().equals(held.get(id))) {
                        continue;
                    }
                    announcedAgain |= isHeld;
                    held.put(id, opening.eventId());
                    opened.merge(id, opening, (first, last) ->
                            new Opening(id, first.userId(), first.role(), last.eventId()));
                }
                case Closing closing -> {
                    held.remove(closing.connectionId());
                    opened.remove(closing.connectionId());
                    closed.add(closing.connectionId());
                }
            }
        }
        return new Outcome(closed, List.copyOf(opened.values()), announcedAgain);
    }
}
