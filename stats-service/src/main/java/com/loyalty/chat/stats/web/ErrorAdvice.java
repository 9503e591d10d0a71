package com.loyalty.chat.stats.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;

/** Every failure of a stats request answers in the envelope with its real HTTP status. */
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

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiResponse<Void>> notFound(NoResourceFoundException failure) {
        return answer(ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.defaultMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<Void>> unexpected(Exception failure) {
        log.error("Unexpected failure", failure);
        return answer(ErrorCode.INTERNAL, ErrorCode.INTERNAL.defaultMessage());
    }

    private static ResponseEntity<ApiResponse<Void>> answer(ErrorCode code, String msg) {
        return ResponseEntity.status(code.httpStatus()).body(ApiResponse.error(code, msg));
    }
}
