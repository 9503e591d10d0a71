package com.loyalty.chat.realtime.handshake;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ErrorCode;

import tools.jackson.databind.json.JsonMapper;

/** Answers a refused handshake with the contract's envelope and real HTTP status, before any upgrade. */
@Component
class EnvelopeErrors implements AuthenticationEntryPoint, AuthenticationFailureHandler, AccessDeniedHandler {

    private final JsonMapper jsonMapper;

    EnvelopeErrors(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        write(response, codeFor(failure));
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException failure) throws IOException {
        write(response, codeFor(failure));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(response, ErrorCode.FORBIDDEN);
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

    void write(HttpServletResponse response, int status, ErrorCode code) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(jsonMapper.writeValueAsBytes(ApiResponse.error(code)));
    }

    private void write(HttpServletResponse response, ErrorCode code) throws IOException {
        write(response, code.httpStatus(), code);
    }

    /**
     * No token at all reaches here as an anonymous caller denied access; a token that fails verification as an
     * OAuth2 failure; a JWK set that cannot be fetched as a service failure, which is not the client's fault.
     */
    private static ErrorCode codeFor(AuthenticationException failure) {
        return switch (failure) {
            case OAuth2AuthenticationException _ -> ErrorCode.TOKEN_INVALID;
            case AuthenticationServiceException _ -> ErrorCode.UNAVAILABLE;
            default -> ErrorCode.TOKEN_MISSING;
        };
    }
}
