package com.loyalty.chat.gateway.routing;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Serves {@code lb://realtime} from the configured node list (round robin, the load balancer's default). */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = RealtimeLoadBalancing.SERVICE_ID, configuration = RealtimeLoadBalancing.NodeList.class)
class RealtimeLoadBalancing {

    static final String SERVICE_ID = "realtime";

    /** Lives in the load balancer's child context for {@code realtime} only, hence not a component itself. */
    static class NodeList {

        @Bean
        ServiceInstanceListSupplier realtimeNodes(RealtimeNodesProperties properties) {
            ServiceInstance[] instances = properties.realtimeNodes().stream()
                    .map(uri -> new DefaultServiceInstance(SERVICE_ID + "-" + uri.getHost() + "-" + uri.getPort(),
                            SERVICE_ID, uri.getHost(), uri.getPort(), "https".equals(uri.getScheme())))
                    .toArray(ServiceInstance[]::new);
            return ServiceInstanceListSuppliers.from(SERVICE_ID, instances);
        }
    }
}
