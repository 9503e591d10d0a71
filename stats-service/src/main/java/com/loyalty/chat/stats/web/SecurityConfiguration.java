package com.loyalty.chat.stats.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.loyalty.chat.chassis.web.SecurityRefusals;
import com.loyalty.chat.chassis.web.TokenSecurity;

/** Every stats path is an admin path; the rest is the chassis's. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain statsSecurity(HttpSecurity http, SecurityRefusals refusals) throws Exception {
        return TokenSecurity.statelessWithTokens(http, refusals)
                .authorizeHttpRequests(requests -> requests
                        // The container forwards its own refusals here to be answered in the envelope.
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/v3/api-docs/**", "/error").permitAll()
                        .requestMatchers("/api/v2/admin/**").hasRole("ADMIN")
                        .anyRequest().denyAll())
                .build();
    }
}
