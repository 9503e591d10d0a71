package com.loyalty.chat.message.web;

import java.util.stream.Collectors;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;

/** Turns every failure of a request into the envelope, with the real HTTP status and no stack trace. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ChatException.class)
    ResponseEntity<ApiResponse<Void>> chatException(ChatException e) {
        return answer(e.errorCode(), e.getMessage());
    }

    /** A body that is not JSON, or a field of the wrong type: named when Jackson knows which. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiResponse<Void>> unreadableBody(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            return answer(ErrorCode.INVALID_REQUEST, pathOf(jackson) + ": invalid value");
        }
        return answer(ErrorCode.INVALID_REQUEST, "request body must be a JSON object");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiResponse<Void>> parameterMismatch(MethodArgumentTypeMismatchException e) {
        return answer(ErrorCode.INVALID_REQUEST, e.getName() + ": invalid value '" + e.getValue() + "'");
    }

    /**
     * Spring's own request errors (unknown path, wrong method or media type, missing parameter) keep their status;
     * a missing resource is 4004, the rest 4000. Anything else is a bug or an outage: 5000, logged here.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<Void>> unexpected(Exception e) {
        if (e instanceof ErrorResponse error) {
            HttpStatus status = HttpStatus.valueOf(error.getStatusCode().value());
            ErrorCode code = status == HttpStatus.NOT_FOUND ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_REQUEST;
            String detail = error.getBody().getDetail();
            return ResponseEntity.status(status)
                    .body(ApiResponse.error(code, detail != null ? detail : code.defaultMessage()));
        }
        log.error("Request failed", e);
        return answer(ErrorCode.INTERNAL, ErrorCode.INTERNAL.defaultMessage());
    }

    private static String pathOf(JacksonException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static ResponseEntity<ApiResponse<Void>> answer(ErrorCode code, String message) {
        return ResponseEntity.status(code.httpStatus()).body(ApiResponse.error(code, message));
    }
}
