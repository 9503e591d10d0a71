package com.loyalty.chat.gateway.routing;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the node list comes from: the fixed list, or, with a DNS name, every address it resolves to, asked again every
 * {@code dns-refresh}. A failed lookup keeps the last list, whether the DNS server did not answer or the name is gone
 * (a headless Service without a ready pod): a hiccup must not empty the gateway, and nodes that are really gone refuse
 * their connections and are skipped.
 */
@Configuration(proxyBeanMethods = false)
class RealtimeNodeDiscovery {

    @Bean
    RealtimeNodes realtimeNodes(RealtimeNodesProperties properties) {
        var balancing = properties.realtimeBalancing();
        List<URI> initial = properties.dnsName() == null ? properties.realtimeNodes() : List.of();
        return new RealtimeNodes(initial, balancing.maxSkip(), balancing.unreachableSkip(), System::nanoTime);
    }

    @Bean
    NodeAddresses nodeAddresses() {
        return new DnsNodeAddresses();
    }

    @Bean
    DnsRefresh dnsRefresh(RealtimeNodesProperties properties, RealtimeNodes nodes, NodeAddresses addresses) {
        return new DnsRefresh(properties, nodes, addresses);
    }

    static final class DnsRefresh implements SmartLifecycle {

        private static final Logger log = LoggerFactory.getLogger(DnsRefresh.class);

        private final RealtimeNodesProperties properties;
        private final RealtimeNodes nodes;
        private final NodeAddresses addresses;
        private volatile @Nullable Disposable refreshing;
        private volatile @Nullable String lastFailure;

        DnsRefresh(RealtimeNodesProperties properties, RealtimeNodes nodes, NodeAddresses addresses) {
            this.properties = properties;
            this.nodes = nodes;
            this.addresses = addresses;
        }

        @Override
        public void start() {
            RealtimeNodesProperties.DnsName name = properties.dnsName();
            if (name == null) {
                return;
            }
            log.info("Realtime nodes: every address of {} on port {}, resolved every {} s", name.host(), name.port(),
                    properties.realtimeBalancing().dnsRefresh().toSeconds());
            refreshing = Flux.interval(Duration.ZERO, properties.realtimeBalancing().dnsRefresh())
                    .onBackpressureDrop()
                    .concatMap(tick -> addresses.resolveAll(name.host())
                            .doOnNext(found -> {
                                nodes.replace(found.stream().map(address -> node(address, name.port())).toList());
                                lastFailure = null;
                            })
                            .onErrorResume(failure -> {
                                if (!failure.toString().equals(lastFailure)) {
                                    log.warn("Could not resolve {}; keeping {}: {}", name.host(), nodes.all(),
                                            failure.toString());
                                }
                                lastFailure = failure.toString();
                                return Mono.empty();
                            }), 1)
                    .subscribe();
        }

        @Override
        public void stop() {
            Disposable current = refreshing;
            if (current != null) {
                current.dispose();
            }
            refreshing = null;
        }

        @Override
        public boolean isRunning() {
            return refreshing != null;
        }

        private static URI node(InetAddress address, int port) {
            try {
                return new URI("http", null, address.getHostAddress(), port, null, null, null);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
