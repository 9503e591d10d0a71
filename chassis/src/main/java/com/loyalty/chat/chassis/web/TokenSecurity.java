package com.loyalty.chat.chassis.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * What every servlet service's security has alike: stateless, no CSRF (no cookies, only bearer tokens), session-
 * service's tokens read into the caller ({@link CallerAuthentication}), and every refusal in the envelope
 * ({@link SecurityRefusals}). A service adds which paths are public and which need {@code ROLE_ADMIN}.
 */
public final class TokenSecurity {

    private TokenSecurity() {
    }

    public static HttpSecurity statelessWithTokens(HttpSecurity http, SecurityRefusals refusals) {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(CallerAuthentication::of))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals));
    }
}
