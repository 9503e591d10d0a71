package com.loyalty.chat.session.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param partitions           partitions of the topics this service declares
 * @param resubmitAfter        age after which an unfinished event publication is sent again
 * @param resubmissionInterval how often unfinished publications are looked for
 */
@ConfigurationProperties("chat.session.messaging")
record MessagingProperties(
        @DefaultValue("6") int partitions,
        @DefaultValue("1m") Duration resubmitAfter,
        @DefaultValue("30s") Duration resubmissionInterval) {
}
