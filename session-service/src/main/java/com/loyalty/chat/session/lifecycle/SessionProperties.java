package com.loyalty.chat.session.lifecycle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param processedEventRetention how long consumed event ids are remembered; longer than any redelivery can lag
 * @param processedEventPurgeInterval how often older ids are dropped
 */
@ConfigurationProperties("chat.session.lifecycle")
record SessionProperties(
        @DefaultValue("7d") Duration processedEventRetention,
        @DefaultValue("1h") Duration processedEventPurgeInterval) {
}
