package com.loyalty.chat.realtime.handshake;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;

import com.loyalty.chat.chassis.web.Caller;
import com.loyalty.chat.chassis.web.RefusalTexts;
import com.loyalty.chat.chassis.web.TokenClaims;
import com.loyalty.chat.chassis.webflux.EnvelopeResponses;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.realtime.handshake.HandshakeRequests.Handshake;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A WebSocket endpoint's handshakes, on Reactor Netty itself: WebFlux's dispatch and Spring Security's reactive chain
 * cost more CPU per handshake than the checks they ran (README, "Handshake rate"). A handshake must pass, in this
 * order:
 *
 * <ol>
 * <li>the node must take one more connection: while it is full or shutting down, 503 and 5003 with a
 * {@code Retry-After}, so the client retries, through the gateway, on another node, and the node spends nothing on
 * the token. An admitted handshake holds a place until it is over, upgraded or not;</li>
 * <li>a browser's {@code Origin} must be allowed (403);</li>
 * <li>the token ({@code ?token=}, {@link HandshakeTokens}), verified as Boot's JWT decoder would
 * ({@link HandshakeTokenDecoder}): none is 401/4001, one that fails the check (signature, expiry, a subject that is
 * no user id) 401/4002, and one that cannot be checked because the key set is out of reach 503/5003;</li>
 * <li>the connection's role: {@code type=admin} needs an admin token (403), {@code type=user} forces a user
 * connection, any other {@code type} is 400, and without {@code type} an admin token makes an admin connection (the
 * v2 admin console connects that way);</li>
 * <li>a WebSocket handshake at all: a method other than GET (405), no {@code Upgrade: websocket} or
 * {@code Connection: upgrade}, or no key (400), a protocol version other than 13 (426).</li>
 * </ol>
 *
 * Refusals are in the contract's envelope. The upgraded connection keeps, of all the handshake, its
 * {@link ConnectionIdentity}: not the verified JWT and its claims.
 */
@Component
public class HandshakeGate {

    private static final Logger log = LoggerFactory.getLogger(HandshakeGate.class);
    private static final String TYPE_PARAMETER = "type";
    private static final String WEBSOCKET_VERSION = "13";

    private final NodeAdmission admission;
    private final HandshakeTokenDecoder decoder;
    private final HandshakeRequests requests;
    private final EnvelopeResponses envelopes;

    HandshakeGate(NodeAdmission admission, HandshakeTokenDecoder decoder, HandshakeRequests requests,
                  EnvelopeResponses envelopes) {
        this.admission = admission;
        this.decoder = decoder;
        this.requests = requests;
        this.envelopes = envelopes;
    }

    /** What runs a connection once its handshake is upgraded. */
    @FunctionalInterface
    public interface Upgraded {

        Publisher<Void> connect(WebsocketInbound inbound, WebsocketOutbound outbound, ConnectionIdentity identity);
    }

    /** The request's path: its URI without the query. */
    public static String path(HttpServerRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /**
     * An endpoint's handler, for a Reactor Netty route.
     *
     * @param allowedOriginPatterns the browser origins that may connect from another origin, as Spring's CORS
     *                              patterns
     */
    public BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> endpoint(
            WebsocketServerSpec spec, List<String> allowedOriginPatterns, Upgraded upgraded) {
        CorsConfiguration origins = new CorsConfiguration();
        origins.setAllowedOriginPatterns(allowedOriginPatterns);
        return (request, response) -> handshake(request, response, spec, origins, upgraded);
    }

    private Mono<Void> handshake(HttpServerRequest request, HttpServerResponse response, WebsocketServerSpec spec,
                                 CorsConfiguration origins, Upgraded upgraded) {
        Handshake handshake = requests.began(request);
        @Nullable String token = HandshakeTokens.take(request);
        Optional<String> full = admission.refusal();
        if (full.isPresent()) {
            long seconds = Math.max(1, admission.retryAfter().toSeconds());
            return refuse(handshake, response, new Refusal(503, ErrorCode.UNAVAILABLE, full.get(),
                    Map.of(HttpHeaderNames.RETRY_AFTER.toString(), Long.toString(seconds))));
        }
        AtomicBoolean over = new AtomicBoolean();
        Runnable handshakeOver = () -> {
            if (over.compareAndSet(false, true)) {
                admission.handshakeOver();
            }
        };
        Refusal early = refusedOrigin(request, origins);
        if (early == null && token == null) {
            early = new Refusal(401, ErrorCode.TOKEN_MISSING, ErrorCode.TOKEN_MISSING.defaultMessage(),
                    Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer"));
        }
        Mono<Verdict> verdict = early != null ? Mono.just(early)
                : Mono.defer(() -> decoder.decode(token))
                        .map(jwt -> verdict(request, jwt))
                        .onErrorResume(failure -> Mono.just(refusedToken(failure)));
        return verdict
                .flatMap(decided -> switch (decided) {
                    case Refusal refusal -> refuse(handshake, response, refusal);
                    case Admitted(ConnectionIdentity identity) -> {
                        requests.answered(handshake, HandshakeRequests.SWITCHING_PROTOCOLS);
                        yield response.sendWebsocket((inbound, outbound) -> {
                            handshakeOver.run();
                            return upgraded.connect(inbound, outbound, identity);
                        }, spec);
                    }
                })
                .doFinally(signal -> handshakeOver.run());
    }

    /** With a verified token: the connection's identity, or why it is refused. */
    private static Verdict verdict(HttpServerRequest request, Jwt jwt) {
        boolean adminToken = TokenClaims.admin(jwt);
        List<String> types = new QueryStringDecoder(request.uri()).parameters().get(TYPE_PARAMETER);
        String type = types == null ? null : types.getFirst();
        SenderType role;
        if (type == null || type.isBlank()) {
            role = adminToken ? SenderType.ADMIN : SenderType.USER;
        } else if (type.equals(SenderType.ADMIN.wireName())) {
            if (!adminToken) {
                return new Refusal(403, ErrorCode.FORBIDDEN, ErrorCode.FORBIDDEN.defaultMessage(), Map.of());
            }
            role = SenderType.ADMIN;
        } else if (type.equals(SenderType.USER.wireName())) {
            role = SenderType.USER;
        } else {
            return new Refusal(400, ErrorCode.INVALID_REQUEST, "type must be admin or user", Map.of());
        }
        Refusal noHandshake = refusedAsNoHandshake(request);
        if (noHandshake != null) {
            return noHandshake;
        }
        Caller caller = TokenClaims.caller(jwt);
        return new Admitted(new ConnectionIdentity(caller.userId(), role, caller.nickname(), caller.avatar(),
                caller.mobile(), jwt.getTokenValue(), jwt.getExpiresAt()));
    }

    /**
     * As Spring's CORS check did: a request from another origin than the node's own must come from an allowed one.
     */
    private static @Nullable Refusal refusedOrigin(HttpServerRequest request, CorsConfiguration origins) {
        String origin = request.requestHeaders().get(HttpHeaderNames.ORIGIN);
        if (origin == null || origins.checkOrigin(origin) != null || sameOrigin(origin, request)) {
            return null;
        }
        return new Refusal(403, ErrorCode.FORBIDDEN, RefusalTexts.ORIGIN_NOT_ALLOWED, Map.of());
    }

    private static boolean sameOrigin(String origin, HttpServerRequest request) {
        int scheme = origin.indexOf("://");
        String host = request.requestHeaders().get(HttpHeaderNames.HOST);
        return scheme >= 0 && host != null && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    /** As Spring Security's resource server answered: a token that fails the check is 4002, else the node's trouble. */
    private static Refusal refusedToken(Throwable failure) {
        if (failure instanceof BadJwtException) {
            return new Refusal(401, ErrorCode.TOKEN_INVALID, ErrorCode.TOKEN_INVALID.defaultMessage(),
                    Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer error=\"invalid_token\""));
        }
        // Boot's decoder fails this way when it cannot fetch the JWK set: not the token's fault, so retryable.
        log.debug("A handshake's token could not be verified", failure);
        return new Refusal(503, ErrorCode.UNAVAILABLE, ErrorCode.UNAVAILABLE.defaultMessage(), Map.of());
    }

    /** @return the refusal, or null when the request is a WebSocket handshake */
    private static @Nullable Refusal refusedAsNoHandshake(HttpServerRequest request) {
        if (!HttpMethod.GET.equals(request.method())) {
            return new Refusal(405, ErrorCode.INVALID_REQUEST, "a WebSocket handshake is a GET",
                    Map.of(HttpHeaderNames.ALLOW.toString(), "GET"));
        }
        HttpHeaders headers = request.requestHeaders();
        if (!HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(headers.get(HttpHeaderNames.UPGRADE))
                || !headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                || headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY) == null) {
            return new Refusal(400, ErrorCode.INVALID_REQUEST,
                    "not a WebSocket handshake: Upgrade, Connection and Sec-WebSocket-Key are required", Map.of());
        }
        if (!WEBSOCKET_VERSION.equals(headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            return new Refusal(426, ErrorCode.INVALID_REQUEST,
                    "WebSocket version " + WEBSOCKET_VERSION + " is required",
                    Map.of(HttpHeaderNames.SEC_WEBSOCKET_VERSION.toString(), WEBSOCKET_VERSION));
        }
        return null;
    }

    private Mono<Void> refuse(Handshake handshake, HttpServerResponse response, Refusal refusal) {
        requests.answered(handshake, refusal.status());
        byte[] body = envelopes.body(refusal.status(), refusal.code(), refusal.message());
        refusal.headers().forEach(response::header);
        // The client's next request goes on a fresh connection, as after every envelope the node writes.
        return response.status(refusal.status())
                .keepAlive(false)
                .header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .sendByteArray(Mono.just(body))
                .then();
    }

    /** How a handshake ends before the upgrade: an identity, or a refusal. */
    sealed interface Verdict permits Admitted, Refusal {
    }

    record Admitted(ConnectionIdentity identity) implements Verdict {
    }

    record Refusal(int status, ErrorCode code, String message, Map<String, String> headers) implements Verdict {
    }
}
