package com.loyalty.chat.realtime.handshake;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ErrorCode;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers what the node refuses over HTTP (a handshake refused before any upgrade, a token refused, any other HTTP
 * error) with the contract's envelope and the real HTTP status.
 */
@Component
class EnvelopeErrors {

    private final JsonMapper jsonMapper;

    EnvelopeErrors(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    Mono<Void> write(ServerHttpResponse response, ErrorCode code, String message) {
        return write(response, HttpStatus.valueOf(code.httpStatus()), code, message);
    }

    /** For a status the contract's table does not list (405, 426, …): its own status, with the nearest code. */
    Mono<Void> write(ServerHttpResponse response, HttpStatusCode status, ErrorCode code, String message) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = jsonMapper.writeValueAsBytes(ApiResponse.error(code, message));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
