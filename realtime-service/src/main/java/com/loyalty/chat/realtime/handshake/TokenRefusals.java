package com.loyalty.chat.realtime.handshake;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import com.loyalty.chat.contracts.api.ErrorCode;

import reactor.core.publisher.Mono;

/**
 * Spring Security's refusals of a handshake, in the envelope, as the chassis's servlet {@code SecurityRefusals}
 * answers them for the other services: no token 401/4001, a token that was presented but failed (bad signature,
 * expired, malformed, a subject that is no user id) 401/4002, and a token that could not be checked because the
 * issuer's key set is out of reach 503/5003 (the client may try again) instead of a bare 500.
 */
final class TokenRefusals implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler,
        ServerAuthenticationFailureHandler {

    private final EnvelopeErrors errors;

    TokenRefusals(EnvelopeErrors errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        if (failure instanceof AuthenticationServiceException) {
            return errors.write(exchange.getResponse(), ErrorCode.UNAVAILABLE, ErrorCode.UNAVAILABLE.defaultMessage());
        }
        boolean tokenPresented = failure instanceof OAuth2AuthenticationException;
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
        ErrorCode code = tokenPresented ? ErrorCode.TOKEN_INVALID : ErrorCode.TOKEN_MISSING;
        return errors.write(exchange.getResponse(), code, code.defaultMessage());
    }

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException failure) {
        return commence(exchange.getExchange(), failure);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return errors.write(exchange.getResponse(), ErrorCode.FORBIDDEN, ErrorCode.FORBIDDEN.defaultMessage());
    }
}
