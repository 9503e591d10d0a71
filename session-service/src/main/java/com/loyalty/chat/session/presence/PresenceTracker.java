package com.loyalty.chat.session.presence;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.events.PresenceEvent;
import com.loyalty.chat.contracts.events.SenderType;

/**
 * Applies what realtime nodes report, and what admins choose, to connections and admin statuses. An admin's status is
 * always recomputed from their live connections rather than flipped per event, so redelivered or repeated events
 * settle on the same answer.
 *
 * <p>Presence is kept per run of a node (see the README, "Presence"): an event of a new run drops everything the
 * node's earlier runs announced, and heartbeats are reconciled with the connections held for their run.
 */
@Service
class PresenceTracker {

    /** The run of every event of a node that predates run ids. */
    private static final String RUN_WITHOUT_ID = "";

    private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);

    private final Connections connections;
    private final AdminStatuses admins;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PresenceTracker(Connections connections, AdminStatuses admins, ApplicationEventPublisher events, Clock clock) {
        this.connections = connections;
        this.admins = admins;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A poll of events, in the order each node told them, in one transaction: a connection storm costs a commit per
     * poll, not per connection. The lease runs on this service's clock (when the poll arrived), so skew between hosts
     * cannot expire a node. A node's openings and closings are gathered ({@link ConnectionChanges}) and written
     * before anything that reads its connections. Admins whose connections changed are refreshed last, once each, in
     * ascending id order, after the nodes' rows: the lock order every presence transaction keeps.
     */
    @Transactional
    void apply(List<PresenceEvent> events) {
        Poll poll = new Poll(clock.instant());
        events.forEach(event -> apply(event, poll));
        List.copyOf(poll.changes.keySet()).forEach(nodeId -> write(nodeId, poll));
        poll.touched.forEach(adminId -> refresh(adminId, poll.now));
    }

    /**
     * What a poll knows of its nodes: each node's row, locked and read at its first event of the poll (nothing else
     * changes it while the lock is held; a heartbeat reads it afresh and changes it, so the node's next event reads
     * it again), each node's changes not written yet, and the admins to refresh.
     */
    private static final class Poll {
        final Instant now;
        final Map<String, Connections.NodeRun> heard = new HashMap<>();
        final SortedMap<String, ConnectionChanges> changes = new TreeMap<>();
        final SortedSet<Long> touched = new TreeSet<>();

        Poll(Instant now) {
            this.now = now;
        }

        ConnectionChanges changesOf(String nodeId, Connections.NodeRun node) {
            return changes.computeIfAbsent(nodeId, id -> new ConnectionChanges(node.runId(), node.heartbeats()));
        }
    }

    private void apply(PresenceEvent event, Poll poll) {
        String nodeId = event.nodeId();
        String runId = event.runId() == null ? RUN_WITHOUT_ID : event.runId();
        boolean heartbeat = event instanceof PresenceEvent.NodeHeartbeat;
        if (heartbeat) {
            write(nodeId, poll);
        }
        Connections.NodeRun node = heartbeat ? null : poll.heard.get(nodeId);
        if (node == null) {
            node = connections.heardFrom(nodeId, runId, poll.now);
        }
        if (!node.runId().equals(runId)) {
            write(nodeId, poll);
            node = startRun(nodeId, node.runId(), runId, poll.touched);
        }
        poll.heard.put(nodeId, node);
        switch (event) {
            case PresenceEvent.ConnectionOpened opened -> {
                poll.changesOf(nodeId, node).opened(new ConnectionChanges.Opening(opened.connectionId(),
                        opened.userId(), opened.role(), opened.eventId()));
                touchIfAdmin(opened.userId(), opened.role(), poll.touched);
            }
            case PresenceEvent.ConnectionClosed closed -> {
                poll.changesOf(nodeId, node).closed(closed.connectionId());
                touchIfAdmin(closed.userId(), closed.role(), poll.touched);
            }
            case PresenceEvent.NodeHeartbeat beat -> {
                reconcile(nodeId, runId, node, beat.connections(), poll.touched);
                poll.heard.remove(nodeId);
            }
        }
    }

    /** Writes the node's gathered changes; a new run or a heartbeat writes what came before it first. */
    private void write(String nodeId, Poll poll) {
        ConnectionChanges changes = poll.changes.remove(nodeId);
        if (changes == null || changes.isEmpty()) {
            return;
        }
        ConnectionChanges.Outcome outcome = changes.settle(
                connections.announcements(nodeId, changes.openedConnectionIds()));
        connections.closed(nodeId, outcome.closed());
        connections.announced(nodeId, changes.runId(), changes.heartbeats(), poll.now, outcome.opened());
        if (outcome.announcedAgain()) {
            connections.reannounced(nodeId);
        }
    }

    /** Drops a node unheard since {@code cutoff} with its connections; admins whose last one was there go offline. */
    @Transactional
    void expire(String nodeId, Instant cutoff) {
        if (!connections.forgetIfUnseenSince(nodeId, cutoff)) {
            return;
        }
        List<Long> stranded = connections.adminsConnectedTo(nodeId);
        int closed = connections.closeAllOf(nodeId);
        log.info("Realtime node {} unheard since {}: presumed dead, {} connections dropped", nodeId, cutoff, closed);
        Instant now = clock.instant();
        stranded.stream().sorted().forEach(adminId -> refresh(adminId, now));
    }

    @Transactional
    AdminStatus choose(long adminId, AdminAvailability choice) {
        Instant now = clock.instant();
        AdminStatus before = admins.lock(adminId);
        AdminStatus after = before.chose(choice == AdminAvailability.BUSY, connections.hasAdminConnection(adminId),
                now);
        save(before, after);
        return after;
    }

    /**
     * The node runs anew under its id (it was restarted, maybe within its lease): its earlier run's connections died
     * with that process.
     */
    private Connections.NodeRun startRun(String nodeId, String earlierRun, String runId, SortedSet<Long> touched) {
        touched.addAll(connections.adminsOfOtherRuns(nodeId, runId));
        int dropped = connections.closeOtherRuns(nodeId, runId);
        connections.startRun(nodeId, runId);
        log.info("Realtime node {} runs anew (run '{}' after '{}'): {} connections of its earlier run dropped", nodeId,
                runId, earlierRun, dropped);
        return new Connections.NodeRun(runId, 0, 0, false);
    }

    /**
     * A heartbeat says how many connections the run holds. Holding more here means announcements of closings were
     * lost, but not which; the connections to drop are known only once every live one has been announced since the
     * previous heartbeat: when the node re-announced its connections in between (as it does after losing an event),
     * or when it reports none at all, the second heartbeat in a row to report fewer than held (one announced before
     * the previous heartbeat and still open would be counted). Then whatever was not announced since the previous
     * heartbeat is gone. Otherwise nothing is dropped on a guess.
     */
    private void reconcile(String nodeId, String runId, Connections.NodeRun node, int reported,
                           SortedSet<Long> touched) {
        int held = connections.heldFor(nodeId, runId);
        boolean everyLiveOneConfirmed = node.reannounced() || (reported == 0 && node.excessHeartbeats() > 0);
        if (held > reported && everyLiveOneConfirmed) {
            touched.addAll(connections.adminsUnconfirmedSince(nodeId, runId, node.heartbeats()));
            int expired = connections.closeUnconfirmedSince(nodeId, runId, node.heartbeats());
            log.info("Realtime node {} holds {} connections where {} were held here: {} not announced since its "
                    + "previous heartbeat expired", nodeId, reported, held, expired);
            held -= expired;
        }
        connections.heartbeatHandled(nodeId, node.heartbeats() + 1, held > reported ? node.excessHeartbeats() + 1 : 0);
    }

    private static void touchIfAdmin(long userId, SenderType role, SortedSet<Long> touched) {
        if (role == SenderType.ADMIN) {
            touched.add(userId);
        }
    }

    private void refresh(long adminId, Instant now) {
        AdminStatus before = admins.lock(adminId);
        save(before, before.connected(connections.hasAdminConnection(adminId), now));
    }

    private void save(AdminStatus before, AdminStatus after) {
        admins.savePresence(after);
        if (after.availability() == AdminAvailability.ONLINE && before.availability() != AdminAvailability.ONLINE) {
            events.publishEvent(new AdminBecameAvailable(after.adminId()));
        }
    }
}
