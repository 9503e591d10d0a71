package com.loyalty.chat.realtime.handshake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import com.loyalty.chat.chassis.webflux.EnvelopeResponses;
import com.loyalty.chat.contracts.api.ErrorCode;

import reactor.core.publisher.Mono;

/**
 * Every other HTTP error of the node in the envelope, with its real status, as JSON whatever the client accepts: an
 * unknown path is 4004; what WebFlux refuses at the door keeps its status (405 with {@code Allow}, 406, …) and answers
 * 4000; anything else is 5000 without internals. Before Boot's own handler, which would answer in its own shape.
 */
@Component
@Order(-2)
class HttpErrors implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

    private final EnvelopeResponses envelopes;

    HttpErrors(EnvelopeResponses envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof ResponseStatusException refusal && refusal.getStatusCode().is4xxClientError()) {
            return envelopes.write(exchange, refusal);
        }
        log.error("Request {} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure);
        return envelopes.write(exchange, ErrorCode.INTERNAL);
    }
}
