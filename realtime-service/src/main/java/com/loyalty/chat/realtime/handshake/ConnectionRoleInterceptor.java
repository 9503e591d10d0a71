package com.loyalty.chat.realtime.handshake;

import java.io.IOException;
import java.util.Map;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import com.loyalty.chat.chassis.web.Caller;
import com.loyalty.chat.chassis.web.TokenClaims;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.events.SenderType;

/**
 * Decides the role of a connection whose token security has already verified: {@code type=admin} needs an admin
 * token, {@code type=user} forces a user connection, and without {@code type} an admin token makes an admin
 * connection (the v2 admin console connects that way).
 */
@Component
public class ConnectionRoleInterceptor implements HandshakeInterceptor {

    private static final String TYPE_PARAMETER = "type";

    private final EnvelopeErrors errors;

    ConnectionRoleInterceptor(EnvelopeErrors errors) {
        this.errors = errors;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws IOException {
        // The verified token, from the security context: the request itself carries only the user id by now.
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken authentication)) {
            errors.write(response, ErrorCode.TOKEN_MISSING, ErrorCode.TOKEN_MISSING.defaultMessage());
            return false;
        }
        Jwt jwt = authentication.getToken();
        boolean adminToken = TokenClaims.admin(jwt);
        String type = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst(TYPE_PARAMETER);
        SenderType role;
        if (type == null || type.isBlank()) {
            role = adminToken ? SenderType.ADMIN : SenderType.USER;
        } else if (type.equals(SenderType.ADMIN.wireName())) {
            if (!adminToken) {
                errors.write(response, ErrorCode.FORBIDDEN, ErrorCode.FORBIDDEN.defaultMessage());
                return false;
            }
            role = SenderType.ADMIN;
        } else if (type.equals(SenderType.USER.wireName())) {
            role = SenderType.USER;
        } else {
            errors.write(response, ErrorCode.INVALID_REQUEST, "type must be admin or user");
            return false;
        }
        Caller caller = TokenClaims.caller(jwt);
        new ConnectionIdentity(caller.userId(), role, caller.nickname(), caller.avatar(), caller.mobile(),
                jwt.getTokenValue(), jwt.getExpiresAt()).storeIn(attributes);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception failure) {
    }
}
