package com.loyalty.chat.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.loyalty.chat.chassis.web.RefusalTexts;
import com.loyalty.chat.chassis.webflux.EnvelopeResponses;
import com.loyalty.chat.contracts.api.ErrorCode;

import reactor.core.publisher.Mono;

/** Browsers on the configured admin-console origins may call every path. */
@Configuration(proxyBeanMethods = false)
class CorsPolicy {

    @Bean
    CorsConfigurationSource corsConfigurationSource(EdgeProperties properties) {
        var cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", RequestIdFilter.HEADER));
        cors.setExposedHeaders(List.of(RequestIdFilter.HEADER, "Retry-After"));
        cors.setMaxAge(Duration.ofHours(1));
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    @Bean
    CorsFilter corsFilter(CorsConfigurationSource source, EnvelopeResponses envelopes) {
        return new CorsFilter(source, envelopes);
    }

    /**
     * Spring's {@code CorsWebFilter}, except that a request from an origin that is not allowed hears 403/4003 in the
     * envelope, where Spring's answers a bare 403. Ahead of the security chain, where Spring Security would have put
     * its own (now off): a preflight carries no token, and a refusal of the token still needs the CORS headers.
     */
    static final class CorsFilter implements WebFilter, Ordered {

        /** Spring Security's chain runs at -100. */
        static final int ORDER = -200;

        private final CorsConfigurationSource source;
        private final CorsProcessor processor = new DefaultCorsProcessor();
        private final EnvelopeResponses envelopes;

        CorsFilter(CorsConfigurationSource source, EnvelopeResponses envelopes) {
            this.source = source;
            this.envelopes = envelopes;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            CorsConfiguration config = source.getCorsConfiguration(exchange);
            if (!processor.process(config, exchange)) {
                return envelopes.write(exchange, HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN,
                        RefusalTexts.ORIGIN_NOT_ALLOWED);
            }
            return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? Mono.empty() : chain.filter(exchange);
        }

        @Override
        public int getOrder() {
            return ORDER;
        }
    }
}
