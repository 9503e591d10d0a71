package com.loyalty.chat.chassis.webflux;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import com.loyalty.chat.chassis.metrics.ErrorAnswers;
import com.loyalty.chat.chassis.web.RefusalTexts;
import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ErrorCode;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an error envelope with the code's real HTTP status, for every error a reactive service answers itself
 * (refused handshakes, tokens, paths, rate limits), and counts it.
 */
public final class EnvelopeResponses {

    private final JsonMapper jsonMapper;
    private final ErrorAnswers answers;

    EnvelopeResponses(JsonMapper jsonMapper, ErrorAnswers answers) {
        this.jsonMapper = jsonMapper;
        this.answers = answers;
    }

    public Mono<Void> write(ServerWebExchange exchange, ErrorCode errorCode) {
        return write(exchange, errorCode, errorCode.defaultMessage());
    }

    public Mono<Void> write(ServerWebExchange exchange, ErrorCode errorCode, String message) {
        return write(exchange, HttpStatus.valueOf(errorCode.httpStatus()), errorCode, message);
    }

    /**
     * A 4xx WebFlux raised at the door: an unknown path is 4004; anything else keeps its status and headers (405
     * with {@code Allow}, 406, 415, 400) and answers 4000, the contract's code for a request the client must change,
     * or 4013 for a body too large (413).
     */
    public Mono<Void> write(ServerWebExchange exchange, ResponseStatusException refusal) {
        HttpStatusCode status = refusal.getStatusCode();
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return write(exchange, ErrorCode.NOT_FOUND);
        }
        if (!exchange.getResponse().isCommitted()) {
            exchange.getResponse().getHeaders().addAll(refusal.getHeaders());
        }
        return write(exchange, status, RefusalTexts.code(status), RefusalTexts.of(status));
    }

    /** For a refusal whose HTTP status is not the code's own (405, 415 and 426 answer 4000). */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, ErrorCode errorCode, String message) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        // The client's next request goes on a fresh connection. Twice in the e2e suite, a request that followed an
        // answer written here on the same keep-alive connection was not read until the client gave up 60 s later.
        response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        byte[] body = body(status.value(), errorCode, message);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /**
     * The envelope's JSON, counted as an answer with this status: for a handler below WebFlux, which writes the
     * status, {@code Content-Type: application/json} and {@code Connection: close} itself.
     */
    public byte[] body(int status, ErrorCode errorCode, String message) {
        answers.count(status, errorCode.code());
        return jsonMapper.writeValueAsBytes(ApiResponse.error(errorCode, message));
    }
}
