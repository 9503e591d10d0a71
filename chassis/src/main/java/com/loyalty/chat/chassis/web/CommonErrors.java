package com.loyalty.chat.chassis.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.loyalty.chat.chassis.kafka.TransientFailures;
import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JacksonException.Reference;

/**
 * The failures every servlet service answers alike, in the envelope with the real HTTP status and never a stack
 * trace; what the servlet container reports itself goes through {@link ContainerErrors} to the same answers.
 *
 * <p>Spring MVC's own refusals keep their status (405 with {@code Allow}, 406, 415, ...) and answer 4000, the
 * contract's code for a request the client must change; an unknown path answers 4004. A dependency that is away (the
 * database) answers 503/5003, which tells the client to try again. Error answers are always JSON, whatever the request
 * accepts: a client that asked for XML still learns why it was refused.
 *
 * <p>It comes last of all advice, so a service's own {@code @RestControllerAdvice} (with any {@code @Order} before
 * {@link Ordered#LOWEST_PRECEDENCE}) answers the exceptions that are the service's own before the catch-all here.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class CommonErrors {

    private static final Logger log = LoggerFactory.getLogger(CommonErrors.class);

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

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiResponse<Void>> missing(MissingServletRequestParameterException e) {
        return error(ErrorCode.INVALID_REQUEST, e.getParameterName() + ": 必须填写");
    }

    /**
     * A body that is JSON but has a field of the wrong type names that field, like any other invalid field, by its
     * whole path ({@code attachments[0].size}).
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiResponse<Void>> unreadable(HttpMessageNotReadableException e) {
        if (e.getMostSpecificCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
            return error(ErrorCode.INVALID_REQUEST, pathOf(json) + ": 参数格式无效");
        }
        return error(ErrorCode.INVALID_REQUEST, "请求体不是有效的JSON");
    }

    /**
     * Anything else is a bug, except Spring MVC's own client-side refusals (no such route, wrong method, …) and a
     * dependency that is away.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<Void>> unexpected(Exception e) {
        if (e instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
            return refused(refusal.getStatusCode(), refusal.getHeaders(), named(e));
        }
        if (TransientFailures.isTransient(e)
                || e instanceof ErrorResponse refusal && refusal.getStatusCode().value() == 503) {
            log.warn("Request failed on a dependency that is away: {}", e.toString());
            return error(ErrorCode.UNAVAILABLE, ErrorCode.UNAVAILABLE.defaultMessage());
        }
        log.error("Unhandled error", e);
        return internal();
    }

    /** What the client sent that was refused: the method, or the media type of its body. */
    private static String named(Exception refusal) {
        return switch (refusal) {
            case HttpRequestMethodNotSupportedException method -> method.getMethod();
            case HttpMediaTypeNotSupportedException media when media.getContentType() != null ->
                    media.getContentType().toString();
            default -> "";
        };
    }

    /**
     * A request refused with {@code status} before any controller took it; {@code headers} say what would do,
     * {@code named} what the request had instead (empty when unknown).
     */
    static ResponseEntity<ApiResponse<Void>> refused(HttpStatusCode status, HttpHeaders headers, String named) {
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return envelope(status, headers, ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.defaultMessage());
        }
        String message = RefusalTexts.of(status);
        return envelope(status, headers, RefusalTexts.code(status), named.isEmpty() ? message : message + ": " + named);
    }

    static ResponseEntity<ApiResponse<Void>> internal() {
        return error(ErrorCode.INTERNAL, ErrorCode.INTERNAL.defaultMessage());
    }

    private static String pathOf(JacksonException json) {
        StringBuilder path = new StringBuilder();
        for (Reference reference : json.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ResponseEntity<ApiResponse<Void>> error(ErrorCode code, String message) {
        return envelope(HttpStatusCode.valueOf(code.httpStatus()), HttpHeaders.EMPTY, code, message);
    }

    private static ResponseEntity<ApiResponse<Void>> envelope(HttpStatusCode status, HttpHeaders headers,
                                                              ErrorCode code, String message) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiResponse.error(code, message));
    }
}
