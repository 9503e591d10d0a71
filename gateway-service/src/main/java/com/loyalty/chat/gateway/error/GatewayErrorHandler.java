package com.loyalty.chat.gateway.error;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import com.loyalty.chat.chassis.webflux.EnvelopeResponses;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.gateway.logging.LoggedPath;

import reactor.core.publisher.Mono;

/**
 * Answers what never reached a service: an unknown path is 4004; a request WebFlux refuses at the door keeps its
 * status (405 with {@code Allow}, 406, 415, 400) and answers 4000, the contract's code for a request the client must
 * change; an owner that cannot be reached is 5003 so the client retries; anything else is 5000 without internals.
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final EnvelopeResponses envelopes;

    GatewayErrorHandler(EnvelopeResponses envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof ResponseStatusException refusal && refusal.getStatusCode().is4xxClientError()) {
            return envelopes.write(exchange, refusal);
        }
        return envelopes.write(exchange, classify(exchange, failure));
    }

    private ErrorCode classify(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof ResponseStatusException statusException) {
            HttpStatus status = HttpStatus.resolve(statusException.getStatusCode().value());
            if (status == HttpStatus.SERVICE_UNAVAILABLE || status == HttpStatus.GATEWAY_TIMEOUT
                    || status == HttpStatus.BAD_GATEWAY) {
                return ErrorCode.UNAVAILABLE;
            }
        }
        if (isUnreachable(failure)) {
            log.warn("Upstream unavailable for {}: {}", LoggedPath.of(exchange.getRequest()), failure.toString());
            return ErrorCode.UNAVAILABLE;
        }
        log.error("Unexpected gateway failure for {}", LoggedPath.of(exchange.getRequest()), failure);
        return ErrorCode.INTERNAL;
    }

    private static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
