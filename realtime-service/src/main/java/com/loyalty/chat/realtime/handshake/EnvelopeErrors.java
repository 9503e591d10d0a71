package com.loyalty.chat.realtime.handshake;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ErrorCode;

import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a handshake the interceptors refuse with the contract's envelope and real HTTP status, before any upgrade.
 * Refusals by Spring Security are the chassis's {@code SecurityRefusals}.
 */
@Component
class EnvelopeErrors {

    private final JsonMapper jsonMapper;

    EnvelopeErrors(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    void write(ServerHttpResponse response, ErrorCode code, String message) throws IOException {
        write(response, HttpStatus.valueOf(code.httpStatus()), code, message);
    }

    /** For a status the contract's table does not list (405, 426, …): its own status, with the nearest code. */
    void write(ServerHttpResponse response, HttpStatus status, ErrorCode code, String message) throws IOException {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getBody().write(jsonMapper.writeValueAsBytes(ApiResponse.error(code, message)));
    }
}
