package com.loyalty.chat.realtime.handshake;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.loyalty.chat.realtime.protocol.Dialect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Outermost of all filters, so refusals by security count too:
 *
 * <ul>
 * <li>counts handshakes on the WebSocket endpoints by how they ended ({@code chat.realtime.handshakes}):
 * {@code accepted} (101) or {@code refused}, with the HTTP status (401/403 from the token check, 503 from a full or
 * draining node, 400 for a request that is no handshake);</li>
 * <li>writes the access log line of every request (when {@code chat.realtime.handshake.access-log}): method, path
 * and protocol, status, time and the gateway's {@code X-Request-Id}; never the query string;</li>
 * <li>cuts a handshake's headers down to those a WebSocket handshake needs ({@code Host}, {@code Origin},
 * {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-*}) and {@code X-Request-Id}: Reactor Netty keeps the
 * handshake request with the connection for as long as it is open, so left alone every idle connection would hold
 * every header a browser or the gateway sent (cookies, user agent, {@code X-Forwarded-*}).</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class HandshakeRequests implements WebFilter {

    private static final Logger accessLog = LoggerFactory.getLogger("com.loyalty.chat.realtime.access");
    private static final Set<String> KEPT_HEADERS = Set.of("host", "origin", "upgrade", "connection",
            "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol",
            "content-length", "transfer-encoding", "x-request-id");
    private static final int SWITCHING_PROTOCOLS = 101;

    private final MeterRegistry registry;
    private final Set<String> endpoints;
    private final boolean accessLogEnabled;
    private final Map<Integer, Counter> byStatus = new ConcurrentHashMap<>();

    HandshakeRequests(MeterRegistry registry, List<Dialect> dialects, HandshakeProperties properties) {
        this.registry = registry;
        this.endpoints = dialects.stream().map(Dialect::path).collect(Collectors.toSet());
        this.accessLogEnabled = properties.accessLog();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        boolean endpoint = endpoints.contains(request.getPath().value());
        if (!endpoint && !accessLogEnabled) {
            return chain.filter(exchange);
        }
        long started = System.nanoTime();
        // Read now: the handshake's headers are cut down below.
        String requestId = request.getHeaders().getFirst("X-Request-Id");
        exchange.getResponse().beforeCommit(() -> {
            int status = status(exchange);
            if (endpoint) {
                byStatus.computeIfAbsent(status, this::counter).increment();
            }
            if (accessLogEnabled) {
                accessLog.info("{} \"{} {} {}\" {} {}ms requestId={}", request.getRemoteAddress() == null ? "-"
                                : request.getRemoteAddress().getAddress().getHostAddress(),
                        request.getMethod(), request.getPath().value(), protocol(request), status,
                        (System.nanoTime() - started) / 1_000_000, requestId == null ? "-" : requestId);
            }
            return Mono.empty();
        });
        if (endpoint) {
            leanHeaders(request);
        }
        return chain.filter(exchange);
    }

    private static int status(ServerWebExchange exchange) {
        if (Boolean.TRUE.equals(exchange.getAttribute(HandshakeGate.UPGRADING))) {
            return SWITCHING_PROTOCOLS;
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return status == null ? 200 : status.value();
    }

    private static String protocol(ServerHttpRequest request) {
        return ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest reactorRequest
                ? reactorRequest.version().text() : "HTTP/1.1";
    }

    private static void leanHeaders(ServerHttpRequest request) {
        if (ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest reactorRequest) {
            HttpHeaders headers = reactorRequest.requestHeaders();
            for (String name : Set.copyOf(headers.names())) {
                if (!KEPT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    headers.remove(name);
                }
            }
        }
    }

    private Counter counter(int status) {
        return Counter.builder("chat.realtime.handshakes")
                .description("WebSocket handshakes, accepted or refused, by HTTP status")
                .tag("outcome", outcome(status))
                .tag("status", Integer.toString(status))
                .register(registry);
    }

    static String outcome(int status) {
        return status == SWITCHING_PROTOCOLS ? "accepted" : "refused";
    }
}
