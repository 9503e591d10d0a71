package com.loyalty.chat.session.identity;

import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/** Turns a verified token into a {@link Caller}; {@code is_admin} grants {@code ROLE_ADMIN}. */
@Component
public class CallerAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final GrantedAuthority USER = new SimpleGrantedAuthority("ROLE_USER");
    private static final GrantedAuthority ADMIN = new SimpleGrantedAuthority("ROLE_ADMIN");

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Caller caller = new Caller(userId(jwt), jwt.getClaimAsString(TokenClaims.MOBILE),
                jwt.getClaimAsString(TokenClaims.NICKNAME), jwt.getClaimAsString(TokenClaims.AVATAR),
                Boolean.TRUE.equals(jwt.getClaimAsBoolean(TokenClaims.IS_ADMIN)));
        return new CallerAuthentication(caller, jwt, caller.admin() ? List.of(USER, ADMIN) : List.of(USER));
    }

    private static long userId(Jwt jwt) {
        String subject = jwt.getSubject();
        try {
            if (subject != null) {
                return Long.parseLong(subject);
            }
        } catch (NumberFormatException ignored) {
            // falls through: a correctly signed token without a numeric subject is still not one to honour
        }
        throw new InvalidBearerTokenException("Token subject is not a user id");
    }

    private static final class CallerAuthentication extends AbstractAuthenticationToken {

        private final Caller caller;
        private final Jwt jwt;

        CallerAuthentication(Caller caller, Jwt jwt, List<GrantedAuthority> authorities) {
            super(authorities);
            this.caller = caller;
            this.jwt = jwt;
            setAuthenticated(true);
        }

        @Override
        public Object getPrincipal() {
            return caller;
        }

        @Override
        public Object getCredentials() {
            return jwt;
        }

        @Override
        public String getName() {
            return Long.toString(caller.userId());
        }
    }
}
