package com.loyalty.chat.gateway.error;

import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.loyalty.chat.chassis.webflux.EnvelopeResponses;
import com.loyalty.chat.contracts.api.ErrorCode;

import reactor.core.publisher.Mono;

/**
 * A request Spring Security's firewall refuses (an encoded {@code ;}, {@code /} or {@code %}, a path that climbs out
 * with {@code ..}) is 400/4000 in the envelope, not an empty 400. The security chain picks this bean up.
 */
@Component
class FirewallRejections implements ServerExchangeRejectedHandler {

    private final EnvelopeResponses envelopes;

    FirewallRejections(EnvelopeResponses envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return envelopes.write(exchange, ErrorCode.INVALID_REQUEST);
    }
}
