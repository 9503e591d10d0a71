package com.loyalty.chat.gateway.edge;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.loyalty.chat.chassis.webflux.EnvelopeResponses;
import com.loyalty.chat.contracts.api.ErrorCode;

import reactor.core.publisher.Mono;

/**
 * Refuses a client over its budget with 429/4029 before anything reaches a service. Runs after the security chain
 * (order -100), so a client with a valid token is counted by user id wherever it connects from, and anonymous calls
 * (login, send-code) by address.
 *
 * <p>Each gateway replica keeps its own buckets: behind a load balancer spreading one client over N replicas, the
 * effective limit is up to N times the configured one. That is acceptable for abuse protection; an exact shared
 * limit would move the buckets to a shared store (e.g. Spring Cloud Gateway's Redis rate limiter).
 */
@Component
@Order(0)
class ClientRateLimitFilter implements WebFilter {

    private final EdgeProperties.RateLimit limit;
    private final EnvelopeResponses envelopes;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    ClientRateLimitFilter(EdgeProperties properties, EnvelopeResponses envelopes) {
        this.limit = properties.rateLimit();
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!limit.enabled()) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .map(principal -> "user:" + principal.getName())
                .defaultIfEmpty("address:" + address(exchange))
                .flatMap(client -> {
                    long now = System.nanoTime();
                    TokenBucket bucket = buckets.computeIfAbsent(client,
                            key -> new TokenBucket(limit.burst(), limit.requestsPerSecond(), now));
                    if (bucket.tryTake(now)) {
                        return chain.filter(exchange);
                    }
                    exchange.getResponse().getHeaders().set("Retry-After",
                            String.valueOf(Math.max(1, bucket.secondsUntilNextToken(now))));
                    return envelopes.write(exchange, ErrorCode.RATE_LIMITED);
                });
    }

    @Scheduled(fixedDelayString = "PT1M")
    void evictIdleBuckets() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.idleNanos(now) > limit.idleEviction().toNanos());
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
