package com.loyalty.chat.session.messaging;

import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Sends again what the outbox could not deliver (broker down, process killed mid-send). Restarts republish too
 * (see {@code spring.modulith.events.republish-outstanding-events-on-restart}). Every replica runs this, so an
 * event may be sent more than once; consumers are idempotent by contract.
 */
@Component
class PublicationResubmission implements SchedulingConfigurer {

    private final IncompleteEventPublications incomplete;
    private final MessagingProperties properties;

    PublicationResubmission(IncompleteEventPublications incomplete, MessagingProperties properties) {
        this.incomplete = incomplete;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(
                () -> incomplete.resubmitIncompletePublicationsOlderThan(properties.resubmitAfter()),
                properties.resubmissionInterval());
    }
}
