package com.loyalty.chat.stats.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;

/**
 * Every failure of a stats request answers in the envelope with its real HTTP status: those of the controller and of
 * Spring MVC here, those the servlet container reports itself through {@link ContainerErrors}.
 *
 * <p>Spring MVC's own refusals keep their status (405, 406, 415, ...) and answer 4000, the contract's code for a
 * request the client must change; an unknown path answers 4004. Error answers are always JSON, whatever the request
 * accepts.
 */
@RestControllerAdvice
class ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    @ExceptionHandler(ChatException.class)
    ResponseEntity<ApiResponse<Void>> chat(ChatException failure) {
        return answer(failure.errorCode(), failure.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiResponse<Void>> missing(MissingServletRequestParameterException failure) {
        return answer(ErrorCode.INVALID_REQUEST, "缺少参数 " + failure.getParameterName());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiResponse<Void>> mismatch(MethodArgumentTypeMismatchException failure) {
        return answer(ErrorCode.INVALID_REQUEST, "参数 " + failure.getName() + " 格式无效");
    }

    /** Anything else is a bug, except Spring MVC's own client-side refusals (no such route, wrong method, …). */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<Void>> unexpected(Exception failure) {
        if (failure instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
            return refused(refusal.getStatusCode(), refusal.getHeaders());
        }
        log.error("Unexpected failure", failure);
        return internal();
    }

    /** A request refused with {@code status} before the controller took it; {@code headers} say what would do. */
    static ResponseEntity<ApiResponse<Void>> refused(HttpStatusCode status, HttpHeaders headers) {
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return envelope(status, headers, ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.defaultMessage());
        }
        String message = switch (HttpStatus.resolve(status.value())) {
            case METHOD_NOT_ALLOWED -> "不支持该请求方法";
            case NOT_ACCEPTABLE -> "只能以 application/json 应答";
            case UNSUPPORTED_MEDIA_TYPE -> "请求体必须是 application/json";
            case null, default -> ErrorCode.INVALID_REQUEST.defaultMessage();
        };
        return envelope(status, headers, ErrorCode.INVALID_REQUEST, message);
    }

    static ResponseEntity<ApiResponse<Void>> internal() {
        return answer(ErrorCode.INTERNAL, ErrorCode.INTERNAL.defaultMessage());
    }

    private static ResponseEntity<ApiResponse<Void>> answer(ErrorCode code, String msg) {
        return envelope(HttpStatusCode.valueOf(code.httpStatus()), HttpHeaders.EMPTY, code, msg);
    }

    private static ResponseEntity<ApiResponse<Void>> envelope(HttpStatusCode status, HttpHeaders headers,
                                                              ErrorCode code, String msg) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiResponse.error(code, msg));
    }
}
