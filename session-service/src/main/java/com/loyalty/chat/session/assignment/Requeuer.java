package com.loyalty.chat.session.assignment;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.loyalty.chat.session.presence.AdminStatuses;
import com.loyalty.chat.session.lifecycle.SessionQueue;

/**
 * Gives back to the queue the unanswered sessions of admins offline for longer than the grace period; the grace lets
 * an admin reload the console or switch networks without losing their sessions. Re-queued sessions are then assigned
 * like new ones (their REQUEUED event triggers the assigner).
 */
@Component
class Requeuer implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(Requeuer.class);

    private final AdminStatuses admins;
    private final SessionQueue queue;
    private final AssignmentProperties properties;
    private final Clock clock;

    Requeuer(AdminStatuses admins, SessionQueue queue, AssignmentProperties properties, Clock clock) {
        this.admins = admins;
        this.queue = queue;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::requeueAbsentHolders, properties.requeueCheckInterval());
    }

    void requeueAbsentHolders() {
        Instant offlineBefore = clock.instant().minus(properties.requeueGrace());
        for (long adminId : admins.offlineHoldersSince(offlineBefore)) {
            int requeued = queue.requeueUnanswered(adminId, offlineBefore);
            if (requeued > 0) {
                log.info("Admin {} offline since before {}: {} unanswered sessions re-queued", adminId, offlineBefore,
                        requeued);
            }
        }
    }
}
