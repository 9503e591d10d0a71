package com.loyalty.chat.gateway.routing;

import java.util.List;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import reactor.core.publisher.Flux;

/**
 * Serves {@code lb://realtime} (round robin, the load balancer's default) from the nodes known now, less those left
 * out. WebSocket upgrades do not go through it ({@link RealtimeWebSocketProxy} picks and retries nodes itself); a
 * plain request to {@code /ws} and the health of the route's targets do.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = RealtimeLoadBalancing.SERVICE_ID, configuration = RealtimeLoadBalancing.NodeList.class)
class RealtimeLoadBalancing {

    static final String SERVICE_ID = "realtime";

    /** Lives in the load balancer's child context for {@code realtime} only, hence not a component itself. */
    static class NodeList {

        @Bean
        ServiceInstanceListSupplier realtimeInstances(RealtimeNodes nodes) {
            return new ServiceInstanceListSupplier() {
                @Override
                public String getServiceId() {
                    return SERVICE_ID;
                }

                @Override
                public Flux<List<ServiceInstance>> get() {
                    return Flux.defer(() -> Flux.just(nodes.candidates().stream()
                            .<ServiceInstance>map(uri -> new DefaultServiceInstance(
                                    SERVICE_ID + "-" + uri.getHost() + "-" + uri.getPort(), SERVICE_ID, uri.getHost(),
                                    uri.getPort(), "https".equals(uri.getScheme())))
                            .toList()));
                }
            };
        }
    }
}
