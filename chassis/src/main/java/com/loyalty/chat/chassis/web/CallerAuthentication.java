package com.loyalty.chat.chassis.web;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authentication a verified token stands for, for a service's {@code jwtAuthenticationConverter}: the token
 * itself as principal (so {@link CallerArgumentResolver} reads it), {@code ROLE_ADMIN} when it says {@code is_admin}.
 * A correctly signed token whose subject is not a user id is refused like any invalid token (401/4002), so
 * controllers can rely on the number.
 */
public final class CallerAuthentication {

    private CallerAuthentication() {
    }

    public static JwtAuthenticationToken of(Jwt token) {
        if (!TokenClaims.isUserId(token.getSubject())) {
            throw new InvalidBearerTokenException("Token subject is not a user id");
        }
        return new JwtAuthenticationToken(token, TokenClaims.admin(token)
                ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN")) : List.of(), token.getSubject());
    }
}
