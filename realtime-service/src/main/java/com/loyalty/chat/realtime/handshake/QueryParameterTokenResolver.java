package com.loyalty.chat.realtime.handshake;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/** Browsers cannot set headers on a WebSocket handshake, so the token travels as {@code ?token=}. */
final class QueryParameterTokenResolver implements BearerTokenResolver {

    static final String PARAMETER = "token";

    @Override
    public String resolve(HttpServletRequest request) {
        String token = request.getParameter(PARAMETER);
        return token == null || token.isBlank() ? null : token.strip();
    }
}
