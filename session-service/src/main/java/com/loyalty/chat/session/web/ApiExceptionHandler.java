package com.loyalty.chat.session.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;

import tools.jackson.core.JacksonException;

/** Every failure of a controller in the envelope, with the real HTTP status and never a stack trace. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ChatException.class)
    ResponseEntity<ApiResponse<Void>> chat(ChatException e) {
        return error(e.errorCode(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiResponse<Void>> invalidBody(MethodArgumentNotValidException e) {
        FieldError field = e.getBindingResult().getFieldError();
        String message = field == null ? ErrorCode.INVALID_REQUEST.defaultMessage()
                : field.getField() + ": " + field.getDefaultMessage();
        return error(ErrorCode.INVALID_REQUEST, message);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiResponse<Void>> invalidParameter(HandlerMethodValidationException e) {
        String message = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> result.getMethodParameter().getParameterName() + ": "
                                + error.getDefaultMessage()))
                .findFirst()
                .orElse(ErrorCode.INVALID_REQUEST.defaultMessage());
        return error(ErrorCode.INVALID_REQUEST, message);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiResponse<Void>> mistyped(MethodArgumentTypeMismatchException e) {
        return error(ErrorCode.INVALID_REQUEST, e.getName() + ": 参数格式无效");
    }

    /** A body that is JSON but has a field of the wrong type names that field, like any other invalid field. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiResponse<Void>> unreadable(HttpMessageNotReadableException e) {
        if (e.getMostSpecificCause() instanceof JacksonException json && !json.getPath().isEmpty()
                && json.getPath().getLast().getPropertyName() != null) {
            return error(ErrorCode.INVALID_REQUEST, json.getPath().getLast().getPropertyName() + ": 参数格式无效");
        }
        return error(ErrorCode.INVALID_REQUEST, "请求体不是有效的JSON");
    }

    /** Anything else is a bug, except Spring MVC's own client-side refusals (no such route, wrong method, …). */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<Void>> unexpected(Exception e) {
        if (e instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
            ErrorCode code = refusal.getStatusCode().value() == 404 ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_REQUEST;
            return ResponseEntity.status(refusal.getStatusCode()).body(ApiResponse.error(code));
        }
        log.error("Unhandled error", e);
        return ResponseEntity.status(ErrorCode.INTERNAL.httpStatus()).body(ApiResponse.error(ErrorCode.INTERNAL));
    }

    private static ResponseEntity<ApiResponse<Void>> error(ErrorCode code, String message) {
        return ResponseEntity.status(code.httpStatus()).body(ApiResponse.error(code, message));
    }
}
