package com.loyalty.chat.message.web;

import java.util.List;

import com.loyalty.chat.contracts.api.ErrorCode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * An OAuth2 resource server validating session-service's JWTs against its JWK set
 * ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}). The admin paths, including the contract's
 * compatibility prefixes, need the {@code is_admin} claim. Every refusal is the envelope: no token 401/4001, a bad
 * or expired one 401/4002, not an admin 403/4003.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String ADMIN = "ADMIN";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, EnvelopeWriter envelopes) throws Exception {
        AuthenticationEntryPoint unauthenticated = entryPoint(envelopes);
        AccessDeniedHandler forbidden = (request, response, denied) -> envelopes.write(response, ErrorCode.FORBIDDEN);
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/v3/api-docs/**", "/error").permitAll()
                        .requestMatchers("/api/v2/admin/**", "/admin/**", "/api/admin/**").hasRole(ADMIN)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(SecurityConfiguration::authenticationOf))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    /**
     * A request the firewall refuses (an encoded slash or a semicolon in the path, a line break in a header) never
     * reaches Spring MVC; it is answered here, in the envelope too.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(EnvelopeWriter envelopes) {
        return (request, response, rejection) -> envelopes.write(response, ErrorCode.INVALID_REQUEST);
    }

    private static AbstractAuthenticationToken authenticationOf(Jwt token) {
        boolean admin = Boolean.TRUE.equals(token.getClaimAsBoolean("is_admin"));
        return new JwtAuthenticationToken(token,
                admin ? List.of(new SimpleGrantedAuthority("ROLE_" + ADMIN)) : List.of(), token.getSubject());
    }

    /**
     * A request that got as far as presenting a token failed on the token (4002); one that never presented one
     * is told so (4001). The standard entry point adds the {@code WWW-Authenticate} header first.
     */
    private static AuthenticationEntryPoint entryPoint(EnvelopeWriter envelopes) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, failure) -> {
            bearer.commence(request, response, failure);
            envelopes.write(response, failure instanceof OAuth2AuthenticationException
                    ? ErrorCode.TOKEN_INVALID : ErrorCode.TOKEN_MISSING);
        };
    }
}
