package com.loyalty.chat.contracts.api;

import java.time.Instant;

/**
 * The envelope of every REST answer. {@code success} is kept for the existing front end, which reads it instead of
 * {@code code}; it always equals {@code code == 0}.
 */
public record ApiResponse<T>(boolean success, int code, String msg, T data, Instant timestamp) {

    public static <T> ApiResponse<T> ok(String msg, T data) {
        return new ApiResponse<>(true, ErrorCode.OK.code(), msg, data, Instant.now());
    }

    public static ApiResponse<Void> error(ErrorCode errorCode, String msg) {
        return new ApiResponse<>(false, errorCode.code(), msg, null, Instant.now());
    }

    public static ApiResponse<Void> error(ErrorCode errorCode) {
        return error(errorCode, errorCode.defaultMessage());
    }
}
