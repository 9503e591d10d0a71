package com.loyalty.chat.session.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param resubmitAfter        age after which an unfinished event publication is sent again
 * @param resubmissionInterval how often unfinished publications are looked for
 */
@ConfigurationProperties("chat.session.messaging")
record MessagingProperties(
        @DefaultValue("1m") Duration resubmitAfter,
        @DefaultValue("30s") Duration resubmissionInterval) {
}
