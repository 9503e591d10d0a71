package com.loyalty.chat.session.presence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

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
 */
@Service
class PresenceTracker {

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

    /** The lease runs on this service's clock (when the event arrived), so skew between hosts cannot expire a node. */
    @Transactional
    void apply(PresenceEvent event) {
        Instant now = clock.instant();
        connections.heardFrom(event.nodeId(), now);
        switch (event) {
            case PresenceEvent.ConnectionOpened opened -> {
                connections.opened(opened.nodeId(), opened.connectionId(), opened.userId(), opened.role(), now);
                refreshIfAdmin(opened.userId(), opened.role(), now);
            }
            case PresenceEvent.ConnectionClosed closed -> {
                connections.closed(closed.nodeId(), closed.connectionId());
                refreshIfAdmin(closed.userId(), closed.role(), now);
            }
            case PresenceEvent.NodeHeartbeat _ -> {
                // the lease above is all a heartbeat means
            }
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

    private void refreshIfAdmin(long userId, SenderType role, Instant now) {
        if (role == SenderType.ADMIN) {
            refresh(userId, now);
        }
    }

    private void refresh(long adminId, Instant now) {
        AdminStatus before = admins.lock(adminId);
        save(before, before.connected(connections.hasAdminConnection(adminId), now));
    }

    private void save(AdminStatus before, AdminStatus after) {
        admins.savePresence(after);
        if (after.availability() == AdminAvailability.ONLINE && before.availability() != AdminAvailability.ONLINE) {
            events.publishEvent(new AdminAvailable(after.adminId()));
        }
    }
}
