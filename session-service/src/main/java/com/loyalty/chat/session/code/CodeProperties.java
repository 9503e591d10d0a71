package com.loyalty.chat.session.code;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How login codes are issued and checked.
 *
 * @param fixedCode      a code accepted for every mobile (development only; blank in production)
 * @param ttl            how long an issued code stays valid
 * @param resendInterval minimum time between two codes for one mobile
 * @param maxAttempts    wrong guesses after which an issued code is discarded
 */
@ConfigurationProperties("chat.session.code")
record CodeProperties(
        String fixedCode,
        @DefaultValue("5m") Duration ttl,
        @DefaultValue("60s") Duration resendInterval,
        @DefaultValue("5") int maxAttempts) {

    boolean hasFixedCode() {
        return fixedCode != null && !fixedCode.isBlank();
    }
}
