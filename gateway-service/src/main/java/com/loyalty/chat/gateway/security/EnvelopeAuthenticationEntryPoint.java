package com.loyalty.chat.gateway.security;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.gateway.error.EnvelopeWriter;

import reactor.core.publisher.Mono;

/** No token at all is 4001; a token that was presented and refused (forged, expired, malformed) is 4002. */
class EnvelopeAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final EnvelopeWriter envelopeWriter;

    EnvelopeAuthenticationEntryPoint(EnvelopeWriter envelopeWriter) {
        this.envelopeWriter = envelopeWriter;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        boolean noToken = failure instanceof AuthenticationCredentialsNotFoundException
                || failure instanceof InsufficientAuthenticationException;
        return envelopeWriter.write(exchange, noToken ? ErrorCode.TOKEN_MISSING : ErrorCode.TOKEN_INVALID);
    }
}
