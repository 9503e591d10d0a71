package com.loyalty.chat.session.web;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.loyalty.chat.chassis.web.SecurityRefusals;
import com.loyalty.chat.chassis.web.TokenSecurity;

/**
 * The chassis's bearer-token security. The path decides the role: admin paths need {@code is_admin}, everything else
 * but login, the JWK set and health needs any valid token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final RequestMatcher PUBLIC = new OrRequestMatcher(
            pathPattern(HttpMethod.POST, "/api/v2/auth/send-code"),
            pathPattern(HttpMethod.POST, "/api/v2/auth/login"),
            pathPattern(HttpMethod.GET, "/.well-known/jwks.json"),
            pathPattern("/actuator/health/**"),
            // Scraped on the service's own port; the gateway routes no /actuator path here.
            pathPattern(HttpMethod.GET, "/actuator/prometheus"),
            pathPattern(HttpMethod.GET, "/v3/api-docs/**"),
            pathPattern("/error"));

    private static final RequestMatcher ADMIN = new OrRequestMatcher(
            pathPattern("/api/v2/admin/**"),
            pathPattern("/admin/**"),
            pathPattern("/api/admin/**"));

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityRefusals errors) {
        return TokenSecurity.statelessWithTokens(http, errors)
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC).permitAll()
                        .requestMatchers(ADMIN).hasRole("ADMIN")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.bearerTokenResolver(ignoringPublicPaths()))
                .build();
    }

    /** A stale token left in a client must not stop it from logging in again. */
    private static BearerTokenResolver ignoringPublicPaths() {
        DefaultBearerTokenResolver headerResolver = new DefaultBearerTokenResolver();
        return request -> PUBLIC.matches(request) ? null : headerResolver.resolve(request);
    }
}
