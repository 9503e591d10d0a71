package com.loyalty.chat.message.history;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.stereotype.Component;

import com.loyalty.chat.chassis.web.Caller;
import com.loyalty.chat.chassis.web.CallerAuthentication;
import com.loyalty.chat.chassis.web.TokenClaims;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.events.SenderType;

/**
 * Clients' tokens handed over in a request's body, checked by the same provider, decoder and conversion as the
 * bearer token of their own requests, with the same refusals: none 4001, not accepted 4002, the admin side without
 * the role 4003, the issuer's key set out of reach 5003.
 */
@Component
class ClientTokens {

    private final JwtAuthenticationProvider provider;

    ClientTokens(JwtDecoder decoder) {
        this.provider = new JwtAuthenticationProvider(decoder);
        this.provider.setJwtAuthenticationConverter(CallerAuthentication::of);
    }

    Caller callerOn(@Nullable String token, SenderType side) {
        if (token == null || token.isBlank()) {
            throw new ChatException(ErrorCode.TOKEN_MISSING);
        }
        Authentication authentication;
        try {
            authentication = provider.authenticate(new BearerTokenAuthenticationToken(token));
        } catch (AuthenticationServiceException keySetOutOfReach) {
            throw new ChatException(ErrorCode.UNAVAILABLE);
        } catch (AuthenticationException notAccepted) {
            throw new ChatException(ErrorCode.TOKEN_INVALID);
        }
        Caller caller = TokenClaims.caller((Jwt) authentication.getPrincipal());
        if (side == SenderType.ADMIN && !caller.admin()) {
            throw new ChatException(ErrorCode.FORBIDDEN);
        }
        return caller;
    }
}
