package com.loyalty.chat.chassis.web;

import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * What every servlet service's security has alike: stateless, no CSRF (no cookies, only bearer tokens), session-
 * service's tokens read into the caller ({@link CallerAuthentication}), and every refusal in the envelope
 * ({@link SecurityRefusals}), a key set out of reach included. A service adds which paths are public and which need
 * {@code ROLE_ADMIN}.
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
                        .accessDeniedHandler(refusals)
                        .withObjectPostProcessor(bearerFailuresAnsweredBy(refusals)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals));
    }

    /** The filter's default failure handler rethrows "key set unreachable", which the container answers with 500. */
    private static ObjectPostProcessor<BearerTokenAuthenticationFilter> bearerFailuresAnsweredBy(
            SecurityRefusals refusals) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                filter.setAuthenticationFailureHandler(refusals);
                return filter;
            }
        };
    }
}
