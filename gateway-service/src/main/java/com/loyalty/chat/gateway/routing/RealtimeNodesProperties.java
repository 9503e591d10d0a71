package com.loyalty.chat.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The realtime nodes WebSocket upgrades are spread over: a fixed list ({@code CHAT_REALTIME_NODES=http://a:8090,http://b:8090}),
 * or every address a DNS name resolves to ({@code CHAT_REALTIME_NODES_DNS=realtime-headless:8090}, a Kubernetes headless
 * Service), which replaces the list when set.
 *
 * @param realtimeNodes the fixed node list
 * @param realtimeNodesDns {@code host:port} to resolve, or empty for the fixed list
 * @param realtimeBalancing how nodes are discovered and skipped
 */
@ConfigurationProperties("chat.gateway")
record RealtimeNodesProperties(List<URI> realtimeNodes, @Nullable String realtimeNodesDns,
                               @DefaultValue Balancing realtimeBalancing) {

    RealtimeNodesProperties {
        realtimeNodes = realtimeNodes == null || realtimeNodes.isEmpty()
                ? List.of(URI.create("http://localhost:8090"))
                : List.copyOf(realtimeNodes);
        realtimeNodesDns = realtimeNodesDns == null || realtimeNodesDns.isBlank() ? null : realtimeNodesDns.strip();
        if (realtimeNodesDns != null) {
            DnsName.parse(realtimeNodesDns);
        }
    }

    @Nullable DnsName dnsName() {
        return realtimeNodesDns == null ? null : DnsName.parse(realtimeNodesDns);
    }

    /**
     * @param dnsRefresh how often the DNS name is resolved again
     * @param maxSkip the longest a node that answered 503 is left out, whatever its {@code Retry-After} says
     * @param unreachableSkip how long a node that refused or dropped the connection is left out
     * @param handshakeTimeout how long a node may take to answer a handshake before this client tries the next node
     * @param maxHandshakesInFlight how many WebSocket handshakes this gateway works on at once; past it a client hears
     *        503/5003 with {@code Retry-After} at once ({@link HandshakeAdmission})
     */
    record Balancing(@DefaultValue("5s") Duration dnsRefresh, @DefaultValue("30s") Duration maxSkip,
                     @DefaultValue("2s") Duration unreachableSkip, @DefaultValue("20s") Duration handshakeTimeout,
                     @DefaultValue("256") int maxHandshakesInFlight) {

        Balancing {
            if (maxHandshakesInFlight < 1) {
                throw new IllegalArgumentException(
                        "chat.gateway.realtime-balancing.max-handshakes-in-flight must be at least 1");
            }
        }
    }

    /** A {@code host:port} whose every address is a node. */
    record DnsName(String host, int port) {

        static DnsName parse(String hostAndPort) {
            int colon = hostAndPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostAndPort.length() - 1) {
                throw new IllegalArgumentException(
                        "chat.gateway.realtime-nodes-dns must be host:port, not " + hostAndPort);
            }
            int port = Integer.parseInt(hostAndPort.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("No such port in chat.gateway.realtime-nodes-dns: " + hostAndPort);
            }
            return new DnsName(hostAndPort.substring(0, colon), port);
        }
    }
}
