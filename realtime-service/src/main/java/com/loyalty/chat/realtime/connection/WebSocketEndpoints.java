package com.loyalty.chat.realtime.connection;

import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.loyalty.chat.realtime.handshake.HandshakeGate;
import com.loyalty.chat.realtime.protocol.Dialect;
import com.loyalty.chat.realtime.protocol.FrameCodec;

import io.netty.channel.ChannelOption;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * One endpoint per dialect, at the dialect's path, as a route of Reactor Netty's own ahead of WebFlux: the handshake
 * gate checks the request, then it is upgraded and the connection handler runs the connection.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectionProperties.class)
class WebSocketEndpoints {

    /**
     * Netty's frame limit is the node's: a single frame over it closes the connection with 1009 before it is read
     * whole. Pings are answered by Netty; {@code permessage-deflate}, which costs every connection that takes it a
     * zlib deflater and inflater (a few hundred KB of native memory), only when configured.
     */
    @Bean
    NettyRouteProvider webSocketRoutes(List<Dialect> dialects, HandshakeGate gate, ConnectionLifecycle lifecycle,
                                       ClientFrameDispatcher dispatcher, FrameCodec codec,
                                       ConnectionProperties properties, FrameTally tally) {
        WebsocketServerSpec spec = WebsocketServerSpec.builder()
                .maxFramePayloadLength(Math.toIntExact(properties.maxFrameSize().toBytes()))
                .compress(properties.perMessageDeflate())
                .handlePing(false)
                .build();
        return routes -> {
            for (Dialect dialect : dialects) {
                ConnectionHandler handler = new ConnectionHandler(dialect, lifecycle, dispatcher, codec, properties,
                        tally);
                routes.route(request -> HandshakeGate.path(request).equals(dialect.path()),
                        gate.endpoint(spec, properties.allowedOriginPatterns(), handler::handle));
            }
            return routes;
        };
    }

    /**
     * The listen backlog; Netty's default is the kernel's somaxconn. Tomcat's 100 overflowed in every handshake storm:
     * the kernel drops the attempts past it and each of those clients sends its SYN again a second later. Linux caps
     * it at net.core.somaxconn (4096 on current kernels). See README, "Handshake rate".
     *
     * <p>And a deadline for connections that send no request: without one, a client that connects and says nothing
     * (or one whose request the node never got to read) holds a file descriptor for good. Reactor Netty's idle timeout
     * runs from when a connection opens or its last response was sent until its next request, never on an upgraded
     * WebSocket.
     */
    @Bean
    NettyServerCustomizer transport(ConnectionProperties properties) {
        return server -> server.option(ChannelOption.SO_BACKLOG, properties.acceptBacklog())
                .idleTimeout(properties.requestIdleTimeout());
    }
}
