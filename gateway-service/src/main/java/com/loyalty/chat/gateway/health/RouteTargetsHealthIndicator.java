package com.loyalty.chat.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway is ready when every service its routes lead to is ready: each direct target, and at least one
 * instance of each load-balanced one (a realtime node that is down only loses the upgrades sent to it). Part of
 * the readiness group, so a load balancer stops sending traffic to a gateway that could only answer 5003.
 */
@Component("routeTargets")
class RouteTargetsHealthIndicator extends AbstractReactiveHealthIndicator {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final RouteLocator routes;
    private final LoadBalancerClientFactory loadBalancers;
    private final WebClient http;

    RouteTargetsHealthIndicator(RouteLocator routes, LoadBalancerClientFactory loadBalancers) {
        this.routes = routes;
        this.loadBalancers = loadBalancers;
        this.http = WebClient.create();
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return routes.getRoutes()
                .map(Route::getUri)
                .distinct()
                .flatMap(this::probe)
                .collectList()
                .map(results -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    results.forEach(result -> details.put(result.target(), result.ready() ? "UP" : "DOWN"));
                    boolean allReady = results.stream().allMatch(TargetState::ready);
                    return (allReady ? builder.up() : builder.down()).withDetails(details).build();
                });
    }

    private Mono<TargetState> probe(URI target) {
        if (!"lb".equals(target.getScheme())) {
            return ready(target).map(up -> new TargetState(target.toString(), up));
        }
        ServiceInstanceListSupplier instances = loadBalancers.getInstance(target.getHost(),
                ServiceInstanceListSupplier.class);
        if (instances == null) {
            return Mono.just(new TargetState(target.toString(), false));
        }
        return instances.get().next()
                .flatMapMany(Flux::fromIterable)
                .flatMap(instance -> ready(instance.getUri()))
                .any(Boolean::booleanValue)
                .map(anyUp -> new TargetState(target.toString(), anyUp));
    }

    private Mono<Boolean> ready(URI base) {
        return http.get().uri(base.resolve("/actuator/health/readiness"))
                .exchangeToMono(response -> Mono.just(response.statusCode().is2xxSuccessful()))
                .timeout(PROBE_TIMEOUT)
                .onErrorReturn(false);
    }

    private record TargetState(String target, boolean ready) {
    }
}
