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
 * Whether every service the routes lead to is ready: each direct target, and at least one instance of each
 * load-balanced one (a realtime node that is down only loses the upgrades sent to it). Shown per route in the
 * {@code targets} health group, for operators. Not part of readiness: every gateway sees the same targets, so a
 * service down would take every gateway out of rotation at once, turning the 5003 its clients should hear (and the
 * routes that still work) into connection errors.
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
        // Details name the routes, not their targets: the group is public, internal addresses are not.
        return routes.getRoutes()
                .collectList()
                .flatMap(all -> Flux.fromIterable(all).map(Route::getUri).distinct()
                        .flatMap(this::probe)
                        .collectMap(TargetState::target, TargetState::ready)
                        .map(readyByTarget -> {
                            Map<String, Object> details = new LinkedHashMap<>();
                            all.forEach(route -> details.put(route.getId(),
                                    readyByTarget.getOrDefault(route.getUri(), false) ? "UP" : "DOWN"));
                            boolean allReady = readyByTarget.values().stream().allMatch(Boolean::booleanValue);
                            return (allReady ? builder.up() : builder.down()).withDetails(details).build();
                        }));
    }

    private Mono<TargetState> probe(URI target) {
        if (!"lb".equals(target.getScheme())) {
            return ready(target).map(up -> new TargetState(target, up));
        }
        ServiceInstanceListSupplier instances = loadBalancers.getInstance(target.getHost(),
                ServiceInstanceListSupplier.class);
        if (instances == null) {
            return Mono.just(new TargetState(target, false));
        }
        return instances.get().next()
                .flatMapMany(Flux::fromIterable)
                .flatMap(instance -> ready(instance.getUri()))
                .any(Boolean::booleanValue)
                .map(anyUp -> new TargetState(target, anyUp));
    }

    private Mono<Boolean> ready(URI base) {
        return http.get().uri(base.resolve("/actuator/health/readiness"))
                .exchangeToMono(response -> Mono.just(response.statusCode().is2xxSuccessful()))
                .timeout(PROBE_TIMEOUT)
                .onErrorReturn(false);
    }

    private record TargetState(URI target, boolean ready) {
    }
}
