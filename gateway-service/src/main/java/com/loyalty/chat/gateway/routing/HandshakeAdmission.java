package com.loyalty.chat.gateway.routing;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.loyalty.chat.chassis.webflux.EnvelopeResponses;
import com.loyalty.chat.contracts.api.ErrorCode;

import reactor.core.publisher.Mono;

/**
 * Caps the WebSocket handshakes this gateway works on at once ({@code max-handshakes-in-flight}). When every client of
 * a lost node reconnects at once, each handshake past what the gateway's CPU gets through would otherwise wait behind
 * all the others (up to 44 s for 3,000 at once, measured by {@code bench/storm.sh}) and clients gave up on them; past
 * the cap a client hears 503/5003 with {@code Retry-After} at once, before its token is checked, and comes back when
 * there is room. A handshake counts until the client has its 101 or its refusal.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class HandshakeAdmission implements WebFilter {

    private static final Set<String> ENDPOINTS = Set.of("/ws", "/chat");
    /** The gateway gets through hundreds of handshakes a second: one second frees most of the room. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int maxInFlight;
    private final EnvelopeResponses envelopes;
    private final AtomicInteger inFlight = new AtomicInteger();

    HandshakeAdmission(RealtimeNodesProperties properties, EnvelopeResponses envelopes) {
        this.maxInFlight = properties.realtimeBalancing().maxHandshakesInFlight();
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!isHandshake(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
            return envelopes.write(exchange, ErrorCode.UNAVAILABLE);
        }
        return Mono.defer(() -> chain.filter(exchange)).doFinally(signal -> inFlight.decrementAndGet());
    }

    private static boolean isHandshake(ServerHttpRequest request) {
        return HttpMethod.GET.equals(request.getMethod())
                && "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())
                && ENDPOINTS.contains(request.getPath().pathWithinApplication().value());
    }
}
