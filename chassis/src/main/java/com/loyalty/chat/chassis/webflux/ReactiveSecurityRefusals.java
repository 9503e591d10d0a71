package com.loyalty.chat.chassis.webflux;

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
 * Spring Security's refusals in the envelope, for a reactive service, as the servlet services' {@code
 * SecurityRefusals} answer them: no token 401/4001, a token that was presented but failed (bad signature, expired,
 * malformed, a subject that is no user id) 401/4002, a caller without the role 403/4003. As the bearer-token
 * filter's failure handler too, a token that could not be checked because the issuer's key set is out of reach
 * answers 503/5003 (the client may try again) instead of a bare 500.
 */
public final class ReactiveSecurityRefusals implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler,
        ServerAuthenticationFailureHandler {

    private final EnvelopeResponses envelopes;

    ReactiveSecurityRefusals(EnvelopeResponses envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        if (failure instanceof AuthenticationServiceException) {
            return envelopes.write(exchange, ErrorCode.UNAVAILABLE);
        }
        boolean tokenPresented = failure instanceof OAuth2AuthenticationException;
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
        return envelopes.write(exchange, tokenPresented ? ErrorCode.TOKEN_INVALID : ErrorCode.TOKEN_MISSING);
    }

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException failure) {
        return commence(exchange.getExchange(), failure);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return envelopes.write(exchange, ErrorCode.FORBIDDEN);
    }
}
