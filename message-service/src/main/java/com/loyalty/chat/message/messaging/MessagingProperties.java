package com.loyalty.chat.message.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings of message-service.
 *
 * @param topics how the topics this service declares are created
 * @param outbox when incomplete event publications are sent again
 */
@ConfigurationProperties("chat.message.messaging")
record MessagingProperties(@DefaultValue Topics topics, @DefaultValue Outbox outbox) {

    record Topics(@DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor) {
    }

    /**
     * @param resubmitOlderThan a publication still incomplete this long after it was stored is sent again
     * @param resubmitInterval how often to look for such publications
     * @param eventsPerPublication most events stored in one outbox publication (see {@link EventOutbox}); with
     *                             content of up to 16 KB, 100 keep a publication under 2 MB
     */
    record Outbox(@DefaultValue("1m") Duration resubmitOlderThan, @DefaultValue("30s") Duration resubmitInterval,
                  @DefaultValue("100") int eventsPerPublication) {
    }
}
