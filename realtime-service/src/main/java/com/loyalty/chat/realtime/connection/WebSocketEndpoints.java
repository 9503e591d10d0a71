package com.loyalty.chat.realtime.connection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;

import com.loyalty.chat.realtime.handshake.HandshakeGate;
import com.loyalty.chat.realtime.protocol.Dialect;
import com.loyalty.chat.realtime.protocol.FrameCodec;

import io.netty.channel.ChannelOption;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * One endpoint per dialect, at the dialect's path, on Reactor Netty. The node must admit a request, then the client's
 * role is decided, and only then must the request be a WebSocket handshake at all: a plain GET still learns why a
 * handshake would be refused (503, 403, …). That is the handshake gate's, in front of Spring's upgrade.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectionProperties.class)
class WebSocketEndpoints {

    @Bean
    HandlerMapping webSocketHandlerMapping(List<Dialect> dialects, ConnectionLifecycle lifecycle,
                                      ClientFrameDispatcher dispatcher, FrameCodec codec,
                                      ConnectionProperties properties, FrameTally tally) {
        Map<String, WebSocketHandler> handlers = new LinkedHashMap<>();
        Map<String, CorsConfiguration> origins = new LinkedHashMap<>();
        CorsConfiguration allowed = new CorsConfiguration();
        allowed.setAllowedOriginPatterns(properties.allowedOriginPatterns());
        allowed.addAllowedMethod("GET");
        for (Dialect dialect : dialects) {
            handlers.put(dialect.path(), new ConnectionHandler(dialect, lifecycle, dispatcher, codec, properties, tally));
            origins.put(dialect.path(), allowed);
        }
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(handlers, Ordered.HIGHEST_PRECEDENCE);
        // Browsers send Origin on every handshake: only the allowed ones are upgraded (403 otherwise).
        mapping.setCorsConfigurations(origins);
        return mapping;
    }

    /**
     * Netty's frame limit is the node's: a single frame over it closes the connection with 1009 before it is read
     * whole. Pings are answered by Netty; {@code permessage-deflate}, which costs every connection that takes it a
     * zlib deflater and inflater (a few hundred KB of native memory), only when configured.
     */
    @Bean
    WebFluxConfigurer webSocketUpgrades(ConnectionProperties properties, HandshakeGate gate) {
        NettyUpgrades upgrades = new NettyUpgrades(WebsocketServerSpec.builder()
                .maxFramePayloadLength(Math.toIntExact(properties.maxFrameSize().toBytes()))
                .compress(properties.perMessageDeflate())
                .handlePing(false)
                .build());
        // Without a session attribute predicate: Spring would create a WebSession per handshake to copy from.
        WebSocketService service = gate.guarding(new HandshakeWebSocketService(upgrades));
        return new WebFluxConfigurer() {
            @Override
            public WebSocketService getWebSocketService() {
                return service;
            }
        };
    }

    /**
     * The listen backlog; Netty's default is the kernel's somaxconn. Tomcat's 100 overflowed in every handshake storm:
     * the kernel drops the attempts past it and each of those clients sends its SYN again a second later. Linux caps
     * it at net.core.somaxconn (4096 on current kernels). See README, "Handshake rate".
     */
    @Bean
    NettyServerCustomizer acceptBacklog(ConnectionProperties properties) {
        return server -> server.option(ChannelOption.SO_BACKLOG, properties.acceptBacklog());
    }
}
