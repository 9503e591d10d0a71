package com.loyalty.chat.realtime.handshake;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;

import com.loyalty.chat.chassis.web.Caller;
import com.loyalty.chat.chassis.web.TokenClaims;
import com.loyalty.chat.chassis.webflux.EnvelopeResponses;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.events.SenderType;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * What a handshake that security let through must still pass before Spring upgrades it, in this order:
 *
 * <ol>
 * <li>the node must take one more connection: while it is full or shutting down, 503 and 5003 with a
 * {@code Retry-After}, so the client retries, through the gateway, on another node. An admitted handshake holds a
 * place until it is over, upgraded or not;</li>
 * <li>the connection's role: {@code type=admin} needs an admin token (403), {@code type=user} forces a user
 * connection, any other {@code type} is 400, and without {@code type} an admin token makes an admin connection (the
 * v2 admin console connects that way);</li>
 * <li>a WebSocket handshake at all: a method other than GET (405), no {@code Upgrade: websocket} or
 * {@code Connection: upgrade}, or no key (400), a protocol version other than 13 (426). Spring checks the same but
 * answers with a bare status.</li>
 * </ol>
 *
 * Refusals are in the contract's envelope. The upgraded connection keeps, of all the handshake, its
 * {@link ConnectionIdentity}: no principal (the verified JWT and its claims), no request attributes.
 */
@Component
public class HandshakeGate {

    /** Set on an exchange about to be upgraded, for {@link HandshakeRequests} to count it as accepted. */
    static final String UPGRADING = HandshakeGate.class.getName() + ".upgrading";

    private static final String TYPE_PARAMETER = "type";
    private static final String WEBSOCKET_VERSION = "13";
    private static final String SEC_WEBSOCKET_KEY = "Sec-WebSocket-Key";
    private static final String SEC_WEBSOCKET_VERSION = "Sec-WebSocket-Version";

    private final NodeAdmission admission;
    private final EnvelopeResponses errors;

    HandshakeGate(NodeAdmission admission, EnvelopeResponses errors) {
        this.admission = admission;
        this.errors = errors;
    }

    /** Spring's upgrade, behind this gate. */
    public WebSocketService guarding(WebSocketService upgrade) {
        return (exchange, handler) -> exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(authentication -> admit(exchange, authentication.orElse(null), handler, upgrade));
    }

    private Mono<Void> admit(ServerWebExchange exchange, JwtAuthenticationToken authentication,
                             WebSocketHandler handler, WebSocketService upgrade) {
        Optional<String> refusal = admission.refusal();
        if (refusal.isPresent()) {
            long seconds = Math.max(1, admission.retryAfter().toSeconds());
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            return errors.write(exchange, ErrorCode.UNAVAILABLE, refusal.get());
        }
        AtomicBoolean over = new AtomicBoolean();
        Runnable handshakeOver = () -> {
            if (over.compareAndSet(false, true)) {
                admission.handshakeOver();
            }
        };
        Mono<Void> refused = refusedRole(exchange, authentication);
        if (refused == null) {
            refused = refusedAsNoHandshake(exchange);
        }
        if (refused != null) {
            handshakeOver.run();
            return refused;
        }
        exchange.getAttributes().put(UPGRADING, Boolean.TRUE);
        ConnectionIdentity identity = ConnectionIdentity.from(exchange.getAttributes());
        ServerWebExchange lean = exchange.mutate().principal(Mono.empty()).build();
        return upgrade.handleRequest(lean, session -> {
                    handshakeOver.run();
                    identity.storeIn(session.getAttributes());
                    return handler.handle(session);
                })
                // Reactor Netty runs the connection with a copy of the handshake's context, which holds the security
                // context (the verified JWT with its claims) and the exchange: the connection needs none of it.
                .contextWrite(context -> Context.empty())
                .doFinally(signal -> handshakeOver.run());
    }

    /** @return the refusal written, or null when the role is decided (and stored with the exchange) */
    private Mono<Void> refusedRole(ServerWebExchange exchange, JwtAuthenticationToken authentication) {
        // The verified token, from the security context: security refused a request to an endpoint without one.
        if (authentication == null) {
            return errors.write(exchange, ErrorCode.TOKEN_MISSING,
                    ErrorCode.TOKEN_MISSING.defaultMessage());
        }
        Jwt jwt = authentication.getToken();
        boolean adminToken = TokenClaims.admin(jwt);
        String type = exchange.getRequest().getQueryParams().getFirst(TYPE_PARAMETER);
        SenderType role;
        if (type == null || type.isBlank()) {
            role = adminToken ? SenderType.ADMIN : SenderType.USER;
        } else if (type.equals(SenderType.ADMIN.wireName())) {
            if (!adminToken) {
                return errors.write(exchange, ErrorCode.FORBIDDEN);
            }
            role = SenderType.ADMIN;
        } else if (type.equals(SenderType.USER.wireName())) {
            role = SenderType.USER;
        } else {
            return errors.write(exchange, ErrorCode.INVALID_REQUEST, "type must be admin or user");
        }
        Caller caller = TokenClaims.caller(jwt);
        new ConnectionIdentity(caller.userId(), role, caller.nickname(), caller.avatar(), caller.mobile(),
                jwt.getTokenValue(), jwt.getExpiresAt()).storeIn(exchange.getAttributes());
        return null;
    }

    /** @return the refusal written, or null when the request is a WebSocket handshake */
    private Mono<Void> refusedAsNoHandshake(ServerWebExchange exchange) {
        if (exchange.getRequest().getMethod() != HttpMethod.GET) {
            exchange.getResponse().getHeaders().setAllow(Set.of(HttpMethod.GET));
            return errors.write(exchange, HttpStatus.METHOD_NOT_ALLOWED, ErrorCode.INVALID_REQUEST,
                    "a WebSocket handshake is a GET");
        }
        HttpHeaders headers = exchange.getRequest().getHeaders();
        List<String> connection = headers.getConnection();
        if (!"WebSocket".equalsIgnoreCase(headers.getUpgrade())
                || !connection.contains("Upgrade") && !connection.contains("upgrade")
                || headers.getFirst(SEC_WEBSOCKET_KEY) == null) {
            return errors.write(exchange, HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST,
                    "not a WebSocket handshake: Upgrade, Connection and Sec-WebSocket-Key are required");
        }
        if (!WEBSOCKET_VERSION.equals(headers.getFirst(SEC_WEBSOCKET_VERSION))) {
            exchange.getResponse().getHeaders().set(SEC_WEBSOCKET_VERSION, WEBSOCKET_VERSION);
            return errors.write(exchange, HttpStatus.UPGRADE_REQUIRED, ErrorCode.INVALID_REQUEST,
                    "WebSocket version " + WEBSOCKET_VERSION + " is required");
        }
        return null;
    }
}
