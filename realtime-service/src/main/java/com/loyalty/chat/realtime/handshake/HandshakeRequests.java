package com.loyalty.chat.realtime.handshake;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
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

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * What the node notes of every HTTP request:
 *
 * <ul>
 * <li>the handshakes on the WebSocket endpoints, by how they ended ({@code chat.realtime.handshakes}):
 * {@code accepted} (101) or {@code refused}, with the HTTP status (401/403 from the token check, 503 from a full or
 * draining node, 400 for a request that is no handshake);</li>
 * <li>the access log line of every request (when {@code chat.realtime.handshake.access-log}): method, path and
 * protocol, status, time and the gateway's {@code X-Request-Id}; never the query string. The endpoints are answered
 * below WebFlux ({@link HandshakeGate}), which reports them here; as a web filter, outermost of all, this sees the
 * rest of the node's HTTP surface (health, metrics, unknown paths);</li>
 * <li>a handshake's headers cut down to those a WebSocket handshake needs ({@code Host}, {@code Origin},
 * {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-*}) and {@code X-Request-Id}: Reactor Netty keeps the
 * handshake request with the connection for as long as it is open, so left alone every idle connection would hold
 * every header a browser or the gateway sent (cookies, user agent, {@code X-Forwarded-*}).</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class HandshakeRequests implements WebFilter {

    static final int SWITCHING_PROTOCOLS = 101;

    private static final Logger accessLog = LoggerFactory.getLogger("com.loyalty.chat.realtime.access");
    private static final Set<String> KEPT_HEADERS = Set.of("host", "origin", "upgrade", "connection",
            "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol",
            "content-length", "transfer-encoding", "x-request-id");

    private final MeterRegistry registry;
    private final boolean accessLogEnabled;
    private final Map<Integer, Counter> byStatus = new ConcurrentHashMap<>();

    HandshakeRequests(MeterRegistry registry, HandshakeProperties properties) {
        this.registry = registry;
        this.accessLogEnabled = properties.accessLog();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!accessLogEnabled) {
            return chain.filter(exchange);
        }
        long started = System.nanoTime();
        ServerHttpRequest request = exchange.getRequest();
        exchange.getResponse().beforeCommit(() -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            log(request.getRemoteAddress(), request.getMethod().name(), request.getPath().value(),
                    ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest reactorRequest
                            ? reactorRequest.version().text() : "HTTP/1.1",
                    status == null ? 200 : status.value(), started, request.getHeaders().getFirst("X-Request-Id"));
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** A handshake begins: its headers are cut down, so what is logged of them is read now. */
    Handshake began(HttpServerRequest request) {
        Handshake handshake = new Handshake(request, System.nanoTime(), request.requestHeaders().get("X-Request-Id"));
        HttpHeaders headers = request.requestHeaders();
        for (String name : Set.copyOf(headers.names())) {
            if (!KEPT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.remove(name);
            }
        }
        return handshake;
    }

    /** A handshake's answer: 101 when it is upgraded, else the refusal's status. */
    void answered(Handshake handshake, int status) {
        byStatus.computeIfAbsent(status, this::counter).increment();
        if (accessLogEnabled) {
            HttpServerRequest request = handshake.request();
            log(request.remoteAddress(), request.method().name(), HandshakeGate.path(request),
                    request.version().text(), status, handshake.started(), handshake.requestId());
        }
    }

    private static void log(@Nullable InetSocketAddress remote, String method, String path, String protocol,
                            int status, long started, @Nullable String requestId) {
        accessLog.info("{} \"{} {} {}\" {} {}ms requestId={}",
                remote == null || remote.getAddress() == null ? "-" : remote.getAddress().getHostAddress(),
                method, path, protocol, status, (System.nanoTime() - started) / 1_000_000,
                requestId == null ? "-" : requestId);
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

    record Handshake(HttpServerRequest request, long started, @Nullable String requestId) {
    }
}
