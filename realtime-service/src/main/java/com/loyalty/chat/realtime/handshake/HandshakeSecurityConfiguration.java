package com.loyalty.chat.realtime.handshake;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import com.loyalty.chat.chassis.web.TokenClaims;
import com.loyalty.chat.chassis.webflux.ReactiveSecurityRefusals;
import com.loyalty.chat.realtime.protocol.Dialect;

/**
 * Only the WebSocket endpoints need a token; the rest of this service's HTTP surface is actuator health, which
 * probes call without one. The JWT decoder is Boot's, built from the JWK set URI in application.yml. Refusals are in
 * the envelope ({@link ReactiveSecurityRefusals}, the chassis's).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(HandshakeProperties.class)
class HandshakeSecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, List<Dialect> dialects,
                                               ReactiveSecurityRefusals refusals,
                                               ReactiveJwtDecoder decoder) {
        String[] endpoints = dialects.stream().map(Dialect::path).toArray(String[]::new);
        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(endpoints).authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(HandshakeTokens.converter())
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals)
                        // The default handler rethrows "JWK set unreachable" as a bare 500.
                        .authenticationFailureHandler(refusals)
                        .jwt(jwt -> jwt.authenticationManager(verifying(decoder))))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
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

    /**
     * Boot's decoder fails with a bare {@code IllegalStateException} when it cannot fetch the JWK set, which Spring
     * Security would pass on as a 500: it is the node's trouble, not the token's, so it is 503/5003 (retry).
     */
    private static ReactiveAuthenticationManager verifying(ReactiveJwtDecoder decoder) {
        JwtReactiveAuthenticationManager verified = new JwtReactiveAuthenticationManager(decoder);
        return authentication -> verified.authenticate(authentication)
                .onErrorMap(failure -> !(failure instanceof AuthenticationException),
                        failure -> new AuthenticationServiceException("the token could not be verified", failure));
    }

    /** Takes the token out of a handshake's URI before anything else sees it ({@link HandshakeTokens}). */
    @Bean
    NettyServerCustomizer handshakeTokens(List<Dialect> dialects) {
        Set<String> endpoints = dialects.stream().map(Dialect::path).collect(Collectors.toSet());
        return HandshakeTokens.stripping(endpoints);
    }

    /** Boot adds this to the decoder's validators: a token whose subject is not a user id is invalid (4002). */
    @Bean
    OAuth2TokenValidator<Jwt> subjectIsUserId() {
        return new JwtClaimValidator<String>(JwtClaimNames.SUB, TokenClaims::isUserId);
    }
}
