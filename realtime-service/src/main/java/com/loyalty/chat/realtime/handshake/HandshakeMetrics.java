package com.loyalty.chat.realtime.handshake;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import com.loyalty.chat.realtime.protocol.Dialect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts handshakes on the WebSocket endpoints by how they ended ({@code chat.realtime.handshakes}): {@code accepted}
 * (101) or {@code refused}, with the HTTP status (401/403 from the token check, 503 from a full or draining node,
 * 400 for a request that is no handshake). Outermost of all filters, so refusals by security count too.
 */
@Configuration(proxyBeanMethods = false)
class HandshakeMetrics {

    @Bean
    FilterRegistrationBean<Outcomes> handshakeOutcomes(MeterRegistry registry, List<Dialect> dialects) {
        FilterRegistrationBean<Outcomes> registration = new FilterRegistrationBean<>(new Outcomes(registry,
                dialects.stream().map(Dialect::path).collect(Collectors.toSet())));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    static final class Outcomes extends OncePerRequestFilter {

        private final MeterRegistry registry;
        private final Set<String> endpoints;
        private final Map<Integer, Counter> byStatus = new ConcurrentHashMap<>();

        Outcomes(MeterRegistry registry, Set<String> endpoints) {
            this.registry = registry;
            this.endpoints = endpoints;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !endpoints.contains(request.getRequestURI());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                chain.doFilter(request, response);
            } finally {
                byStatus.computeIfAbsent(response.getStatus(), this::counter).increment();
            }
        }

        private Counter counter(int status) {
            return Counter.builder("chat.realtime.handshakes")
                    .description("WebSocket handshakes, accepted or refused, by HTTP status")
                    .tag("outcome", outcome(status))
                    .tag("status", Integer.toString(status))
                    .register(registry);
        }

        static String outcome(int status) {
            return status == HttpServletResponse.SC_SWITCHING_PROTOCOLS ? "accepted" : "refused";
        }
    }
}
