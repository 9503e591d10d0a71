package com.loyalty.chat.session.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param nodeTtl            a node unheard for this long is presumed dead with all its connections; nodes send a
 *                           heartbeat every 10 s, so the default tolerates two lost ones
 * @param sweepInterval      how often nodes are checked against their TTL
 * @param defaultMaxSessions the {@code max_sessions} an admin gets when first seen
 */
@ConfigurationProperties("chat.session.presence")
record PresenceProperties(
        @DefaultValue("30s") Duration nodeTtl,
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("5") int defaultMaxSessions) {
}
