package com.loyalty.chat.gateway.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Browsers cannot set headers on a WebSocket handshake, so the contract puts the token in {@code ?token=} on the
 * WebSocket paths; everywhere else it is the usual {@code Authorization: Bearer} header. On the paths anyone may call
 * (login, health) a token is not even read: a stale one left in a client must not stop it from logging in again, as
 * session-service itself promises.
 */
class QueryOrHeaderBearerTokenConverter implements ServerAuthenticationConverter {

    private final ServerBearerTokenAuthenticationConverter headerConverter = new ServerBearerTokenAuthenticationConverter();
    private final ServerWebExchangeMatcher publicPaths;

    QueryOrHeaderBearerTokenConverter(ServerWebExchangeMatcher publicPaths) {
        this.publicPaths = publicPaths;
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return publicPaths.matches(exchange)
                .flatMap(match -> match.isMatch() ? Mono.empty() : tokenOf(exchange));
    }

    private Mono<Authentication> tokenOf(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.equals("/ws") || path.equals("/chat")) {
            String token = exchange.getRequest().getQueryParams().getFirst("token");
            if (token != null && !token.isBlank()) {
                return Mono.just(new BearerTokenAuthenticationToken(token));
            }
        }
        return headerConverter.convert(exchange);
    }
}
