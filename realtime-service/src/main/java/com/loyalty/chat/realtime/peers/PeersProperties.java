package com.loyalty.chat.realtime.peers;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services are; timeouts are the application's HTTP client settings ({@code spring.http.clients.*}).
 *
 * @param sessionServiceUrl asked for a user's open session and for a session's participants
 * @param messageServiceUrl asked for what a client missed ({@code offline_messages}, {@code sync})
 */
@ConfigurationProperties("chat.realtime.peers")
record PeersProperties(
        @DefaultValue("http://localhost:8081") URI sessionServiceUrl,
        @DefaultValue("http://localhost:8082") URI messageServiceUrl) {
}
