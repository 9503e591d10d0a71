package com.loyalty.chat.realtime.handshake;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

import com.loyalty.chat.chassis.web.SecurityRefusals;
import com.loyalty.chat.chassis.web.TokenClaims;
import com.loyalty.chat.realtime.protocol.Protocol;

/**
 * Only the WebSocket endpoints need a token; the rest of this service's HTTP surface is actuator health, which
 * probes call without one. The JWT decoder is Boot's, built from the JWK set URI in application.yml. Refusals are the
 * chassis's ({@link SecurityRefusals}); what the container answers itself goes to the chassis's error page.
 */
@Configuration(proxyBeanMethods = false)
class HandshakeSecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, List<Protocol> protocols, SecurityRefusals refusals) {
        String[] endpoints = protocols.stream().map(Protocol::path).toArray(String[]::new);
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(endpoints).authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new QueryParameterTokenResolver())
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals)
                        .jwt(Customizer.withDefaults())
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                // The default handler rethrows "JWK set unreachable" as a bare 500.
                                filter.setAuthenticationFailureHandler(refusals);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }

    /** Right behind the security filters: the token is verified by then and need not stay with the connection. */
    @Bean
    FilterRegistrationBean<LeanHandshakeRequest.Filter> leanHandshakeRequests(List<Protocol> protocols) {
        Set<String> endpoints = protocols.stream().map(Protocol::path).collect(Collectors.toSet());
        FilterRegistrationBean<LeanHandshakeRequest.Filter> registration =
                new FilterRegistrationBean<>(new LeanHandshakeRequest.Filter(endpoints));
        registration.setOrder(0);
        return registration;
    }

    /** Boot adds this to the decoder's validators: a token whose subject is not a user id is invalid (4002). */
    @Bean
    OAuth2TokenValidator<Jwt> subjectIsUserId() {
        return new JwtClaimValidator<String>(JwtClaimNames.SUB, TokenClaims::isUserId);
    }
}
