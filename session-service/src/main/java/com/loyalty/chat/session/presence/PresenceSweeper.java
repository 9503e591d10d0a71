package com.loyalty.chat.session.presence;

import java.time.Clock;
import java.time.Instant;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Presumes dead the realtime nodes that stopped talking, so that their users and admins do not stay online forever.
 * Safe on several replicas at once: each node is forgotten by exactly one of them.
 */
@Component
class PresenceSweeper implements SchedulingConfigurer {

    private final Connections connections;
    private final PresenceTracker tracker;
    private final PresenceProperties properties;
    private final Clock clock;
    private final Instant startedAt;

    PresenceSweeper(Connections connections, PresenceTracker tracker, PresenceProperties properties, Clock clock) {
        this.connections = connections;
        this.tracker = tracker;
        this.properties = properties;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweep, properties.sweepInterval());
    }

    /**
     * Right after a start, the heartbeats sent while this service was down are still on the topic: judging nodes before
     * one TTL has passed would expire live ones whose news is simply not read yet.
     */
    void sweep() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(properties.nodeTtl());
        if (cutoff.isBefore(startedAt)) {
            return;
        }
        connections.nodesUnseenSince(cutoff).forEach(nodeId -> tracker.expire(nodeId, cutoff));
    }
}
