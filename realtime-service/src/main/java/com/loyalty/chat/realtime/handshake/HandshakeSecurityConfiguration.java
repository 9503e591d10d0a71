package com.loyalty.chat.realtime.handshake;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import com.loyalty.chat.chassis.web.TokenClaims;
import com.loyalty.chat.realtime.protocol.Dialect;

/**
 * The WebSocket endpoints check their tokens themselves ({@link HandshakeGate}, below WebFlux); the rest of this
 * service's HTTP surface is actuator health, which probes call without one. The JWT decoder is Boot's, built from the
 * JWK set URI in application.yml; {@link HandshakeTokenDecoder} accepts the usual tokens without it, with the same
 * validators.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(HandshakeProperties.class)
class HandshakeSecurityConfiguration {

    /** Without a chain of its own, Boot's would ask every request, health included, for a token. */
    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http) {
        return http
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .headers(headers -> headers.disable())
                .build();
    }

    /** Takes the token out of a handshake's URI before anything else sees it ({@link HandshakeTokens}). */
    @Bean
    NettyServerCustomizer handshakeTokens(List<Dialect> dialects) {
        Set<String> endpoints = dialects.stream().map(Dialect::path).collect(Collectors.toSet());
        return HandshakeTokens.stripping(endpoints);
    }

    /**
     * Boot adds this to its decoder's validators, and {@link HandshakeTokenDecoder} to its own: a token whose subject
     * is not a user id is invalid (4002).
     */
    @Bean
    OAuth2TokenValidator<Jwt> subjectIsUserId() {
        return new JwtClaimValidator<String>(JwtClaimNames.SUB, TokenClaims::isUserId);
    }
}
