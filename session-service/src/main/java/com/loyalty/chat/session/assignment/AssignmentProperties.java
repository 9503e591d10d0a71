package com.loyalty.chat.session.assignment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param requeueGrace         how long an admin may be offline before their unanswered sessions go back to the queue
 * @param requeueCheckInterval how often offline admins are checked against the grace period
 * @param sweepInterval        how often the queue is worked through without a trigger, in case one was lost (a
 *                             replica stopped between a commit and its assignment run)
 */
@ConfigurationProperties("chat.session.assignment")
record AssignmentProperties(
        @DefaultValue("60s") Duration requeueGrace,
        @DefaultValue("5s") Duration requeueCheckInterval,
        @DefaultValue("30s") Duration sweepInterval) {
}
