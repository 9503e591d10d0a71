package com.loyalty.chat.chassis.jwt;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every service remembers the tokens its decoder accepted ({@link VerifiedTokens}).
 *
 * @param enabled false: every request's token is verified again
 * @param maxEntries tokens held at most (≈ 2 KB each)
 * @param maxAge longest a token is answered from memory
 */
@ConfigurationProperties("chat.security.verified-tokens")
public record VerifiedTokensProperties(@DefaultValue("true") boolean enabled,
                                       @DefaultValue("10000") int maxEntries,
                                       @DefaultValue("5m") Duration maxAge) {
}
