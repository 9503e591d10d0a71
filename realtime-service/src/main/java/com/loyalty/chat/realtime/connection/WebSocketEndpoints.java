package com.loyalty.chat.realtime.connection;

import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import com.loyalty.chat.realtime.handshake.AdmissionInterceptor;
import com.loyalty.chat.realtime.handshake.ConnectionRoleInterceptor;
import com.loyalty.chat.realtime.handshake.UpgradeRequestInterceptor;
import com.loyalty.chat.realtime.protocol.FrameCodec;
import com.loyalty.chat.realtime.protocol.Dialect;

/**
 * One endpoint per dialect, at the dialect's path. The node must admit a request, then the client's role is
 * decided, and only then must the request be a WebSocket handshake at all: a plain GET still learns why a handshake
 * would be refused (503, 403, …).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(ConnectionProperties.class)
class WebSocketEndpoints implements WebSocketConfigurer {

    private final List<Dialect> dialects;
    private final UpgradeRequestInterceptor upgradeInterceptor;
    private final AdmissionInterceptor admissionInterceptor;
    private final ConnectionRoleInterceptor roleInterceptor;
    private final ConnectionLifecycle lifecycle;
    private final ClientFrameDispatcher dispatcher;
    private final FrameCodec codec;
    private final ConnectionProperties properties;
    private final FrameTally tally;

    WebSocketEndpoints(List<Dialect> dialects, UpgradeRequestInterceptor upgradeInterceptor,
                       AdmissionInterceptor admissionInterceptor, ConnectionRoleInterceptor roleInterceptor,
                       ConnectionLifecycle lifecycle, ClientFrameDispatcher dispatcher, FrameCodec codec,
                       ConnectionProperties properties, FrameTally tally) {
        this.tally = tally;
        this.dialects = dialects;
        this.upgradeInterceptor = upgradeInterceptor;
        this.admissionInterceptor = admissionInterceptor;
        this.roleInterceptor = roleInterceptor;
        this.lifecycle = lifecycle;
        this.dispatcher = dispatcher;
        this.codec = codec;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        String[] origins = properties.allowedOriginPatterns().toArray(String[]::new);
        for (Dialect dialect : dialects) {
            var registration = registry.addHandler(
                            new ConnectionHandler(dialect, lifecycle, dispatcher, codec, properties, tally),
                            dialect.path())
                    .addInterceptors(admissionInterceptor, roleInterceptor, upgradeInterceptor)
                    .setAllowedOriginPatterns(origins);
            if (!properties.perMessageDeflate()) {
                registration.setHandshakeHandler(new UncompressedHandshakes());
            }
        }
    }
}
