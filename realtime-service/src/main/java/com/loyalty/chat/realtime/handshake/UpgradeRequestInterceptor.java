package com.loyalty.chat.realtime.handshake;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import com.loyalty.chat.contracts.api.ErrorCode;

/**
 * Refuses, in the contract's envelope, a request to a WebSocket endpoint that is no WebSocket handshake: a method
 * other than GET (405), no {@code Upgrade: websocket} or {@code Connection: upgrade}, or no key (400), a protocol
 * version other than 13 (426). Spring's handshake handler checks the same, after the interceptors, but answers with
 * a bare status or a line of plain text.
 */
@Component
public class UpgradeRequestInterceptor implements HandshakeInterceptor {

    private static final String WEBSOCKET_VERSION = "13";

    private final EnvelopeErrors errors;

    UpgradeRequestInterceptor(EnvelopeErrors errors) {
        this.errors = errors;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws IOException {
        if (request.getMethod() != HttpMethod.GET) {
            response.getHeaders().setAllow(Set.of(HttpMethod.GET));
            errors.write(response, HttpStatus.METHOD_NOT_ALLOWED, ErrorCode.INVALID_REQUEST,
                    "a WebSocket handshake is a GET");
            return false;
        }
        HttpHeaders headers = request.getHeaders();
        List<String> connection = headers.getConnection();
        if (!"WebSocket".equalsIgnoreCase(headers.getUpgrade())
                || !connection.contains("Upgrade") && !connection.contains("upgrade")
                || headers.getFirst(WebSocketHttpHeaders.SEC_WEBSOCKET_KEY) == null) {
            errors.write(response, HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST,
                    "not a WebSocket handshake: Upgrade, Connection and Sec-WebSocket-Key are required");
            return false;
        }
        if (!WEBSOCKET_VERSION.equals(headers.getFirst(WebSocketHttpHeaders.SEC_WEBSOCKET_VERSION))) {
            response.getHeaders().set(WebSocketHttpHeaders.SEC_WEBSOCKET_VERSION, WEBSOCKET_VERSION);
            errors.write(response, HttpStatus.UPGRADE_REQUIRED, ErrorCode.INVALID_REQUEST,
                    "WebSocket version " + WEBSOCKET_VERSION + " is required");
            return false;
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception failure) {
    }
}
