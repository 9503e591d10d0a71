package com.loyalty.chat.message.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.loyalty.chat.chassis.web.SecurityRefusals;
import com.loyalty.chat.chassis.web.TokenSecurity;
import com.loyalty.chat.contracts.api.OfflineQuestions;

/**
 * An OAuth2 resource server validating session-service's JWTs against its JWK set
 * ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}). The admin paths, including the contract's
 * compatibility prefixes, need an admin token; every other path a user's, bar the realtime nodes' offline questions,
 * whose tokens are in the body. The rest is the chassis's.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityRefusals refusals) throws Exception {
        return TokenSecurity.statelessWithTokens(http, refusals)
                .authorizeHttpRequests(requests -> requests
                        // The container forwards its own refusals (the firewall's) here to be answered in the envelope.
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/v3/api-docs/**", "/error").permitAll()
                        // Each question in its body carries its client's token, checked as the bearer token is.
                        .requestMatchers(HttpMethod.POST, OfflineQuestions.PATH).permitAll()
                        .requestMatchers("/api/v2/admin/**", "/admin/**", "/api/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .build();
    }
}
