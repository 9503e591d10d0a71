package com.loyalty.chat.gateway.security;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import com.loyalty.chat.chassis.web.TokenClaims;
import com.loyalty.chat.chassis.webflux.ReactiveSecurityRefusals;

import reactor.core.publisher.Mono;

/**
 * Which paths need a token and which need an admin. Paths outside the contract are let through so that routing,
 * not security, answers them with 4004.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

    static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    private static final String[] ADMIN_PATHS = {"/api/v2/admin/chat/**", "/admin/chat/**", "/api/admin/chat/**"};
    private static final String[] PUBLIC_PATHS = {"/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/api/v2/auth/login", "/api/v2/auth/send-code", "/api/v2/docs", "/api/v2/docs/**",
            "/webjars/swagger-ui/**"};

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ReactiveSecurityRefusals refusals) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                // The edge applies CORS ahead of this chain, answering a refused origin in the envelope.
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(PUBLIC_PATHS).permitAll()
                        .pathMatchers(ADMIN_PATHS).hasAuthority(ADMIN_AUTHORITY)
                        .pathMatchers("/ws", "/chat").access(GatewaySecurityConfiguration::webSocketAccess)
                        .pathMatchers("/api/v2/**").authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(oauth2 -> oauth2
                        .bearerTokenConverter(new QueryOrHeaderBearerTokenConverter(
                                ServerWebExchangeMatchers.pathMatchers(PUBLIC_PATHS)))
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(GatewaySecurityConfiguration::toAuthentication))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals)
                        // The default handler rethrows "JWK set unreachable" as a bare 500.
                        .authenticationFailureHandler(refusals))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .build();
    }

    /** A WebSocket asking to act as admin ({@code type=admin}) needs an admin token; any valid token otherwise. */
    private static Mono<AuthorizationResult> webSocketAccess(
            Mono<Authentication> authentication, AuthorizationContext context) {
        boolean wantsAdmin = "admin".equals(context.getExchange().getRequest().getQueryParams().getFirst("type"));
        return authentication
                .filter(Authentication::isAuthenticated)
                .<AuthorizationResult>map(auth -> new AuthorizationDecision(!wantsAdmin || auth.getAuthorities()
                        .stream().anyMatch(authority -> ADMIN_AUTHORITY.equals(authority.getAuthority()))))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    private static Mono<AbstractAuthenticationToken> toAuthentication(Jwt jwt) {
        boolean admin = TokenClaims.admin(jwt);
        var authorities = admin ? List.of(new SimpleGrantedAuthority(ADMIN_AUTHORITY)) : List.<SimpleGrantedAuthority>of();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }
}
