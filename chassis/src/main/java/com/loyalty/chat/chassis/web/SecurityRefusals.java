package com.loyalty.chat.chassis.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import com.loyalty.chat.chassis.metrics.ErrorAnswers;
import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ErrorCode;

import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's refusals in the envelope, for a service's security configuration to use as its authentication
 * entry point and its access-denied handler: no token 401/4001, a token that was presented but failed (bad
 * signature, expired, malformed, a subject that is no user id) 401/4002, a caller without the role 403/4003. They
 * happen in the filter chain, before any controller advice.
 *
 * <p>As the bearer-token filter's failure handler too, a token that could not be checked because the issuer's key
 * set is out of reach answers 503/5003 (the client may try again) instead of the filter's bare 500.
 */
public final class SecurityRefusals implements AuthenticationEntryPoint, AccessDeniedHandler,
        AuthenticationFailureHandler {

    private final JsonMapper jsonMapper;
    private final ErrorAnswers answers;

    SecurityRefusals(JsonMapper jsonMapper) {
        this(jsonMapper, ErrorAnswers.NONE);
    }

    SecurityRefusals(JsonMapper jsonMapper, ErrorAnswers answers) {
        this.jsonMapper = jsonMapper;
        this.answers = answers;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            write(response, ErrorCode.UNAVAILABLE);
            return;
        }
        boolean tokenPresented = failure instanceof OAuth2AuthenticationException;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(response, tokenPresented ? ErrorCode.TOKEN_INVALID : ErrorCode.TOKEN_MISSING);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException failure) throws IOException {
        commence(request, response, failure);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(response, ErrorCode.FORBIDDEN);
    }

    private void write(HttpServletResponse response, ErrorCode errorCode) throws IOException {
        response.setStatus(errorCode.httpStatus());
        answers.count(errorCode.httpStatus(), errorCode.code());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        jsonMapper.writeValue(response.getOutputStream(), ApiResponse.error(errorCode));
    }
}
