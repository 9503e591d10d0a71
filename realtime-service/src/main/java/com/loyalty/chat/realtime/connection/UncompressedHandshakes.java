package com.loyalty.chat.realtime.connection;

import java.util.List;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Spring's handshake, without WebSocket extensions. Browsers offer {@code permessage-deflate} on every handshake and
 * Tomcat accepts it; each connection that takes it holds a zlib deflater and inflater for as long as it is open (a
 * few hundred KB of native memory, not counted in the Java heap, more than everything else a connection costs
 * together). Chat frames are small; compressing them is not worth that. With
 * {@code chat.realtime.connection.per-message-deflate=true} the extension is negotiated as before.
 */
final class UncompressedHandshakes extends DefaultHandshakeHandler {

    @Override
    protected List<WebSocketExtension> filterRequestedExtensions(ServerHttpRequest request,
                                                                 List<WebSocketExtension> requestedExtensions,
                                                                 List<WebSocketExtension> supportedExtensions) {
        return List.of();
    }
}
