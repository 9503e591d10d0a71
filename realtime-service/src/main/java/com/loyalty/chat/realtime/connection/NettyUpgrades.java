package com.loyalty.chat.realtime.connection;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * Spring's Reactor Netty upgrade, with a session that lets {@link ConnectionHandler} at Netty's frames: Spring's own
 * session joins fragmented frames in Netty's aggregator (which fails a frame over the limit without closing 1009),
 * and offers no way to wait until the socket took a frame.
 */
final class NettyUpgrades implements RequestUpgradeStrategy {

    private final WebsocketServerSpec spec;

    NettyUpgrades(WebsocketServerSpec spec) {
        this.spec = spec;
    }

    @Override
    public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
                              Supplier<HandshakeInfo> handshakeInfoFactory) {
        ServerHttpResponse response = exchange.getResponse();
        HttpServerResponse reactorResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        HandshakeInfo handshakeInfo = handshakeInfoFactory.get();
        NettyDataBufferFactory bufferFactory = (NettyDataBufferFactory) response.bufferFactory();
        // Runs WebFlux's before-commit actions (the handshake's meters and access log line), then upgrades.
        return response.setComplete().then(Mono.defer(() -> reactorResponse.sendWebsocket(
                (inbound, outbound) -> handler.handle(new Session(inbound, outbound, handshakeInfo, bufferFactory,
                        spec.maxFramePayloadLength())), spec)));
    }

    /** Spring's session over Reactor Netty, with its inbound and outbound at hand. */
    static final class Session extends ReactorNettyWebSocketSession {

        Session(WebsocketInbound inbound, WebsocketOutbound outbound, HandshakeInfo info,
                NettyDataBufferFactory bufferFactory, int maxFramePayloadLength) {
            super(inbound, outbound, info, bufferFactory, maxFramePayloadLength);
        }

        WebsocketInbound inbound() {
            return getDelegate().getInbound();
        }

        WebsocketOutbound outbound() {
            return getDelegate().getOutbound();
        }
    }
}
