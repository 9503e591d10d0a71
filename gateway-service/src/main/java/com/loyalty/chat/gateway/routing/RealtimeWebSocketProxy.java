package com.loyalty.chat.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.containsEncodedParts;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.isAlreadyRouted;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.setAlreadyRouted;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import com.loyalty.chat.chassis.webflux.EnvelopeResponses;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.gateway.logging.LoggedPath;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * Proxies a WebSocket upgrade on the realtime route, taking the place of Spring Cloud Gateway's WebsocketRoutingFilter
 * there, which upgrades the client before it even connects to a node: a node's refusal then reached the client as a
 * close (1002) after its 101. Here the node's handshake comes first. A node that answers 503 (full, draining) or
 * cannot be reached is left out for a while and the next one is tried (a node slow to answer only for this client); only when every node refuses does the client
 * hear 503, 5003 and {@code Retry-After}. Any other refusal of a node reaches the client with its status. Once a node
 * has said 101 the client is upgraded with the subprotocol the node chose, and frames and close codes pass through
 * unchanged both ways (Spring Cloud Gateway's turned 1012 and 1013 into 1002).
 */
@Component
class RealtimeWebSocketProxy implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RealtimeWebSocketProxy.class);

    /** A node that vanished without a close frame; the client reconnects, as after any close. */
    private static final CloseStatus NODE_LOST = CloseStatus.SERVER_ERROR.withReason("node connection lost");
    /** A client that vanished without a close frame. */
    private static final CloseStatus CLIENT_LOST = CloseStatus.GOING_AWAY;

    private final RealtimeNodes nodes;
    private final WebSocketClient client;
    private final WebSocketService server;
    private final ObjectProvider<List<HttpHeadersFilter>> headersFilters;
    private final EnvelopeResponses envelopes;
    private final Duration handshakeTimeout;
    private volatile @Nullable List<HttpHeadersFilter> resolvedHeadersFilters;

    RealtimeWebSocketProxy(RealtimeNodes nodes, WebSocketClient client, WebSocketService server,
                           ObjectProvider<List<HttpHeadersFilter>> headersFilters, EnvelopeResponses envelopes,
                           RealtimeNodesProperties properties) {
        this.nodes = nodes;
        this.client = client;
        this.server = server;
        this.headersFilters = headersFilters;
        this.envelopes = envelopes;
        this.handshakeTimeout = properties.realtimeBalancing().handshakeTimeout();
    }

    /** After the request URL is known, before the load balancer would pick a node for it. */
    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI requestUrl = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (requestUrl == null || isAlreadyRouted(exchange) || !"lb".equals(requestUrl.getScheme())
                || !RealtimeLoadBalancing.SERVICE_ID.equals(requestUrl.getHost())
                || !"websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
            return chain.filter(exchange);
        }
        setAlreadyRouted(exchange);
        if (!isHandshake(exchange)) {
            // The server's own checks answer it (400, 405), as they did before any node was asked.
            return server.handleRequest(exchange, new Handler(List.of(), WebSocketSession::close));
        }
        HttpHeaders headers = nodeHeaders(exchange);
        List<String> subProtocols = subProtocols(exchange.getRequest().getHeaders());
        return tryNodes(exchange, requestUrl, headers, subProtocols, nodes.candidates().iterator());
    }

    private Mono<Void> tryNodes(ServerWebExchange exchange, URI requestUrl, HttpHeaders headers,
                                List<String> subProtocols, Iterator<URI> candidates) {
        if (!candidates.hasNext()) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                    Long.toString(nodes.retryAfter().toSeconds()));
            return envelopes.write(exchange, ErrorCode.UNAVAILABLE);
        }
        URI node = candidates.next();
        URI target = UriComponentsBuilder.fromUri(requestUrl)
                .scheme("https".equals(node.getScheme()) ? "wss" : "ws").host(node.getHost()).port(node.getPort())
                .build(containsEncodedParts(requestUrl)).toUri();
        AtomicBoolean answered = new AtomicBoolean();
        return upgraded(exchange, target, headers, subProtocols, answered)
                .timeout(handshakeTimeout)
                .onErrorResume(failure -> !answered.get(), failure -> {
                    HttpResponse refusal = refusal(failure);
                    if (refusal != null && refusal.status().code() == 503) {
                        nodes.refused(node, retryAfter(refusal));
                        return tryNodes(exchange, requestUrl, headers, subProtocols, candidates);
                    }
                    if (refusal != null) {
                        return relayRefusal(exchange, refusal.status().code());
                    }
                    if (isSlow(failure)) {
                        // Only this client moves on: a node slow to answer is busy (it refuses with 503 when full), and
                        // leaving it out would turn a slow spell into refusals for everyone.
                        log.debug("Realtime node {} did not answer a handshake within {}", node, handshakeTimeout);
                        return tryNodes(exchange, requestUrl, headers, subProtocols, candidates);
                    }
                    if (!isUnreachable(failure)) {
                        return Mono.error(failure);
                    }
                    log.debug("Realtime node {} unreachable for {}: {}", node, LoggedPath.of(exchange.getRequest()),
                            failure.toString());
                    nodes.unreachable(node);
                    return tryNodes(exchange, requestUrl, headers, subProtocols, candidates);
                });
    }

    /**
     * Completes once the client has its 101, or fails as the node's handshake or the client's upgrade failed. The
     * connections themselves live on their own: the request's filter chain (security, the access line, this filter)
     * ends with the handshake, as it did with Spring Cloud Gateway's proxy. What the connections keep refers to neither
     * the exchange nor that chain once the client is upgraded (both are dropped from the holders below): kept, they
     * cost the gateway 20 KB more live heap per connection (measured). Cancelled before the 101, it drops the node's
     * connection.
     */
    private Mono<Void> upgraded(ServerWebExchange exchange, URI target, HttpHeaders headers, List<String> subProtocols,
                                AtomicBoolean answered) {
        return Mono.create(outcome -> {
            AtomicReference<@Nullable MonoSink<Void>> pending = new AtomicReference<>(outcome);
            AtomicReference<@Nullable ServerWebExchange> toUpgrade = new AtomicReference<>(exchange);
            Disposable connection = client.execute(target, headers, new Handler(subProtocols, nodeSession -> {
                        answered.set(true);
                        ServerWebExchange clientExchange = toUpgrade.getAndSet(null);
                        if (clientExchange == null) {
                            return Mono.empty();
                        }
                        String chosen = nodeSession.getHandshakeInfo().getSubProtocol();
                        // The node's connection closes as soon as this handler completes: it waits for the relay.
                        Sinks.Empty<Void> relayed = Sinks.empty();
                        server.handleRequest(clientExchange, new Handler(chosen == null ? List.of() : List.of(chosen),
                                        clientSession -> relay(clientSession, nodeSession)
                                                .doFinally(signal -> relayed.tryEmitEmpty())))
                                .subscribe(null, failure -> {
                                    settle(pending, failure);
                                    relayed.tryEmitEmpty();
                                }, () -> settle(pending, null));
                        return relayed.asMono();
                    }))
                    .subscribe(null, failure -> settle(pending, failure), () -> settle(pending, null));
            outcome.onCancel(() -> {
                toUpgrade.set(null);
                connection.dispose();
            });
        });
    }

    private static void settle(AtomicReference<@Nullable MonoSink<Void>> pending, @Nullable Throwable failure) {
        MonoSink<Void> outcome = pending.getAndSet(null);
        if (outcome == null) {
            log.debug("Realtime connection ended: {}", failure == null ? "closed" : failure.toString());
        } else if (failure == null) {
            outcome.success();
        } else {
            outcome.error(failure);
        }
    }

    /**
     * Frames both ways until one side ends, and that side's close code to the other. The close statuses are watched
     * before any frame flows: a side's status is known before its frames end, and the other side must hear it before
     * the end of the frames closes it with no code at all. A side that fails (a reset connection) counts as lost.
     */
    private static Mono<Void> relay(WebSocketSession clientSession, WebSocketSession nodeSession) {
        Mono<Void> nodeCloses = nodeSession.closeStatus().defaultIfEmpty(NODE_LOST)
                .filter(status -> clientSession.isOpen())
                .flatMap(status -> clientSession.close(passable(status, NODE_LOST)));
        Mono<Void> clientCloses = clientSession.closeStatus().defaultIfEmpty(CLIENT_LOST)
                .filter(status -> nodeSession.isOpen())
                .flatMap(status -> nodeSession.close(passable(status, CLIENT_LOST)));
        Mono<Void> clientToNode = nodeSession.send(clientSession.receive().doOnNext(WebSocketMessage::retain))
                .onErrorComplete();
        Mono<Void> nodeToClient = clientSession.send(nodeSession.receive().doOnNext(WebSocketMessage::retain))
                .onErrorComplete();
        return Mono.when(nodeCloses, clientCloses, Mono.firstWithSignal(clientToNode, nodeToClient));
    }

    /**
     * The code itself when it may be sent in a close frame; 1005 (a close without a code) as a normal close; 1006 and
     * 1015 (the connection dropped, TLS failed), which only describe a lost connection, as that loss.
     */
    static CloseStatus passable(CloseStatus status, CloseStatus lost) {
        int code = status.getCode();
        if (code >= 3000 && code <= 4999 || code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014) {
            return status;
        }
        return code == CloseStatus.NO_STATUS_CODE.getCode() ? CloseStatus.NORMAL : lost;
    }

    /** A node's answer other than 503 (a token it refused, an origin it does not allow): its status, our envelope. */
    private Mono<Void> relayRefusal(ServerWebExchange exchange, int status) {
        ErrorCode code = switch (status) {
            case 401 -> ErrorCode.TOKEN_INVALID;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 429 -> ErrorCode.RATE_LIMITED;
            default -> status < 500 ? ErrorCode.INVALID_REQUEST : ErrorCode.INTERNAL;
        };
        return envelopes.write(exchange, HttpStatusCode.valueOf(status), code, code.defaultMessage());
    }

    /** What the server checks before an upgrade, so that a request it would refuse costs no node a connection. */
    private static boolean isHandshake(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        return HttpMethod.GET.equals(exchange.getRequest().getMethod())
                && headers.getConnection().stream().anyMatch(token -> token.equalsIgnoreCase("upgrade"))
                && headers.getFirst("Sec-WebSocket-Key") != null;
    }

    private HttpHeaders nodeHeaders(ServerWebExchange exchange) {
        List<HttpHeadersFilter> filters = resolvedHeadersFilters;
        if (filters == null) {
            filters = List.copyOf(headersFilters.getIfAvailable(List::of));
            resolvedHeadersFilters = filters;
        }
        HttpHeaders filtered = HttpHeadersFilter.filterRequest(filters, exchange);
        HttpHeaders headers = new HttpHeaders();
        filtered.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            // The node's handshake is the gateway's own: its key, version and extensions, and the node's host.
            if (!lower.startsWith("sec-websocket") && !lower.equals("host")) {
                headers.addAll(name, values);
            }
        });
        return headers;
    }

    private static List<String> subProtocols(HttpHeaders headers) {
        return headers.getValuesAsList("Sec-WebSocket-Protocol").stream()
                .flatMap(value -> StringUtils.commaDelimitedListToSet(value).stream())
                .map(String::strip).filter(protocol -> !protocol.isEmpty())
                .toList();
    }

    /** The node's answer when it refused the handshake with an error status. */
    private static @Nullable HttpResponse refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebSocketClientHandshakeException handshake && handshake.response() != null
                    && handshake.response().status().code() >= 400) {
                return handshake.response();
            }
        }
        return null;
    }

    private static boolean isSlow(Throwable failure) {
        return failure instanceof TimeoutException;
    }

    /**
     * Refused or dropped before any answer. Netty's connect failures (refused, timed out) are
     * {@link java.net.ConnectException}s, themselves {@link IOException}s.
     */
    private static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException
                    || cause instanceof WebSocketClientHandshakeException handshake && handshake.response() == null) {
                return true;
            }
        }
        return false;
    }

    private static Duration retryAfter(HttpResponse refusal) {
        String value = refusal.headers().get(HttpHeaders.RETRY_AFTER);
        try {
            return value == null ? Duration.ZERO : Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException dateOrJunk) {
            return Duration.ZERO;
        }
    }

    /** A WebSocket handler offering the given subprotocols. */
    private record Handler(List<String> subProtocols, Function<WebSocketSession, Mono<Void>> body)
            implements WebSocketHandler {

        @Override
        public List<String> getSubProtocols() {
            return subProtocols;
        }

        @Override
        public Mono<Void> handle(WebSocketSession session) {
            return body.apply(session);
        }
    }
}
