package com.loyalty.chat.gateway.edge;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.loyalty.chat.gateway.logging.LoggedPath;

import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}: the client's own when it is a sane token, a new one otherwise. It goes
 * to the owning service with the request (which writes it in its access log), back to the client, and into the
 * gateway's access line. Runs first, so even refusals carry it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

    static final String HEADER = "X-Request-Id";

    private static final Logger accessLog = LoggerFactory.getLogger("gateway.access");
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
        String requestId = offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> headers.set(HEADER, requestId))
                .build();
        exchange.getResponse().getHeaders().set(HEADER, requestId);
        long startedAt = System.nanoTime();
        return chain.filter(exchange.mutate().request(request).build())
                .doFinally(signal -> accessLog.info("{} {} {} {}ms client={} requestId={}", request.getMethod(),
                        LoggedPath.of(request), exchange.getResponse().getStatusCode(),
                        (System.nanoTime() - startedAt) / 1_000_000, request.getRemoteAddress(), requestId));
    }
}
