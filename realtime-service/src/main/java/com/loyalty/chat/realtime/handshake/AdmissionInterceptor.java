package com.loyalty.chat.realtime.handshake;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import com.loyalty.chat.contracts.api.ErrorCode;

/**
 * Refuses the upgrade with 503 and 5003, and a {@code Retry-After}, while the node is full or shutting down, so the
 * client retries, through the gateway, on another node. The token has been checked by then: a client without one
 * hears 401 either way. A handshake let through holds a place until it is over (Spring calls
 * {@link #afterHandshake} whether the upgrade succeeded, failed or a later interceptor refused it).
 */
@Component
public class AdmissionInterceptor implements HandshakeInterceptor {

    private final NodeAdmission admission;
    private final EnvelopeErrors errors;

    AdmissionInterceptor(NodeAdmission admission, EnvelopeErrors errors) {
        this.admission = admission;
        this.errors = errors;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws IOException {
        Optional<String> refusal = admission.refusal();
        if (refusal.isPresent()) {
            long seconds = Math.max(1, admission.retryAfter().toSeconds());
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            errors.write(response, ErrorCode.UNAVAILABLE, refusal.get());
            return false;
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception failure) {
        admission.handshakeOver();
    }
}
