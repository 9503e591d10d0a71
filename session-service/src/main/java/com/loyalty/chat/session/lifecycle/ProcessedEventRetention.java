package com.loyalty.chat.session.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Keeps the processed-event table from growing without bound. */
@Component
class ProcessedEventRetention implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEventRetention.class);

    private final ProcessedEvents processed;
    private final SessionProperties properties;

    ProcessedEventRetention(ProcessedEvents processed, SessionProperties properties) {
        this.processed = processed;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::purge, properties.processedEventPurgeInterval());
    }

    private void purge() {
        int purged = processed.purgeOlderThan(properties.processedEventRetention());
        if (purged > 0) {
            log.debug("Forgot {} processed event ids", purged);
        }
    }
}
