package com.loyalty.chat.message.web;

import java.util.stream.Collectors;

import com.loyalty.chat.chassis.kafka.TransientFailures;
import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
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
     * Spring's own request errors (unknown path, wrong method or media type, missing parameter) keep their status,
     * with the contract's code for it. A database that is away is 5003: the client may try again. Anything else is a
     * bug: 5000, logged here.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<Void>> unexpected(Exception e) {
        if (e instanceof ErrorResponse error) {
            HttpStatusCode status = error.getStatusCode();
            ErrorCode code = codeFor(status);
            String detail = error.getBody().getDetail();
            return envelope(status, ApiResponse.error(code, detail != null ? detail : code.defaultMessage()));
        }
        if (TransientFailures.isTransient(e)) {
            log.warn("Request failed on a dependency that is away: {}", e.toString());
            return answer(ErrorCode.UNAVAILABLE, ErrorCode.UNAVAILABLE.defaultMessage());
        }
        log.error("Request failed", e);
        return answer(ErrorCode.INTERNAL, ErrorCode.INTERNAL.defaultMessage());
    }

    /** The contract's code for an HTTP status the contract has no code of its own for. */
    private static ErrorCode codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status.is5xxServerError() ? ErrorCode.INTERNAL : ErrorCode.INVALID_REQUEST;
        };
    }

    private static String pathOf(JacksonException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static ResponseEntity<ApiResponse<Void>> answer(ErrorCode code, String message) {
        return envelope(HttpStatusCode.valueOf(code.httpStatus()), ApiResponse.error(code, message));
    }

    /**
     * Always JSON, whatever the request's Accept header says: a preset content type is written as it is, so even a
     * 406 gets its envelope instead of an empty answer.
     */
    private static ResponseEntity<ApiResponse<Void>> envelope(HttpStatusCode status, ApiResponse<Void> body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
