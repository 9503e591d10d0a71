package com.loyalty.chat.gateway.routing;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The realtime nodes WebSocket upgrades are spread over. Adding a node is a configuration change
 * ({@code CHAT_REALTIME_NODES=http://a:8090,http://b:8090}).
 */
@ConfigurationProperties("chat.gateway")
record RealtimeNodesProperties(List<URI> realtimeNodes) {

    RealtimeNodesProperties {
        realtimeNodes = realtimeNodes == null || realtimeNodes.isEmpty()
                ? List.of(URI.create("http://localhost:8090"))
                : List.copyOf(realtimeNodes);
    }
}
