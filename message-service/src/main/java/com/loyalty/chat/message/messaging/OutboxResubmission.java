package com.loyalty.chat.message.messaging;

import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * While the service runs, sends again every publication still incomplete
 * {@code chat.message.messaging.outbox.resubmit-older-than} after it was stored: its first attempt failed or was
 * lost. (Restarts republish what is outstanding on their own.)
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OutboxResubmission implements SchedulingConfigurer {

    private final IncompleteEventPublications incompletePublications;
    private final MessagingProperties properties;

    OutboxResubmission(IncompleteEventPublications incompletePublications, MessagingProperties properties) {
        this.incompletePublications = incompletePublications;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(
                () -> incompletePublications.resubmitIncompletePublicationsOlderThan(properties.outbox().resubmitOlderThan()),
                properties.outbox().resubmitInterval());
    }
}
