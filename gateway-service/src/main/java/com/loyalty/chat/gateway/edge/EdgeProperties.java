package com.loyalty.chat.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param corsAllowedOrigins admin-console origins allowed to call from a browser; none by default
 * @param rateLimit the per-client request budget
 * @param maxRequestBody the largest request body passed on to a service; a send's JSON, its 16 KB of content escaped,
 *        stays well below the default
 */
@ConfigurationProperties("chat.gateway")
record EdgeProperties(@DefaultValue List<String> corsAllowedOrigins, @DefaultValue RateLimit rateLimit,
                      @DefaultValue("256KB") DataSize maxRequestBody) {

    /**
     * A token bucket per client (its user id when it presents a valid token, else its address).
     *
     * @param requestsPerSecond the sustained rate
     * @param burst how many requests may come at once after a quiet spell
     * @param idleEviction how long an untouched bucket is kept; a full bucket is the same as none
     */
    record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("20") double requestsPerSecond,
                     @DefaultValue("40") int burst, @DefaultValue("5m") Duration idleEviction) {
    }
}
