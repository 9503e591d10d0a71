package com.loyalty.chat.stats.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ErrorCode;

import tools.jackson.databind.json.JsonMapper;

/** Every stats path is an admin path; refusals are written in the envelope like any other error. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain statsSecurity(HttpSecurity http, JsonMapper jsonMapper) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        // The container forwards its own refusals here to be answered in the envelope.
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/error").permitAll()
                        .requestMatchers("/api/v2/admin/**").hasRole("ADMIN")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(oauth2 -> oauth2
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(SecurityConfiguration::toAuthentication))
                        .authenticationEntryPoint((request, response, failure) -> write(response, jsonMapper,
                                failure instanceof InvalidBearerTokenException ? ErrorCode.TOKEN_INVALID
                                        : ErrorCode.TOKEN_MISSING))
                        .accessDeniedHandler((request, response, denied) ->
                                write(response, jsonMapper, ErrorCode.FORBIDDEN)))
                .build();
    }

    /**
     * The subject is the caller's user id; a correctly signed token whose subject is not one (it never is for tokens
     * session-service issues) is refused like any invalid token, so the controller can rely on the number.
     */
    private static JwtAuthenticationToken toAuthentication(Jwt token) {
        String subject = token.getSubject();
        try {
            Long.parseLong(subject);
        } catch (NumberFormatException notAUserId) {
            throw new InvalidBearerTokenException("Token subject is not a user id");
        }
        return new JwtAuthenticationToken(token, Boolean.TRUE.equals(token.getClaimAsBoolean("is_admin"))
                ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN")) : List.of(), subject);
    }

    private static void write(HttpServletResponse response, JsonMapper jsonMapper, ErrorCode errorCode)
            throws IOException {
        response.setStatus(errorCode.httpStatus());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), ApiResponse.error(errorCode));
    }
}
