package com.loyalty.chat.chassis.metrics;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import com.loyalty.chat.contracts.api.ApiResponse;

/** Counts every error envelope a controller or exception handler returns, as it is written. */
@ControllerAdvice
class ErrorAnswersAdvice implements ResponseBodyAdvice<Object> {

    private final ErrorAnswers answers;

    ErrorAnswersAdvice(ErrorAnswers answers) {
        this.answers = answers;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
                                            MediaType selectedContentType,
                                            Class<? extends HttpMessageConverter<?>> selectedConverterType,
                                            ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof ApiResponse<?> envelope && !envelope.success()
                && response instanceof ServletServerHttpResponse servlet) {
            answers.count(servlet.getServletResponse().getStatus(), envelope.code());
        }
        return body;
    }
}
