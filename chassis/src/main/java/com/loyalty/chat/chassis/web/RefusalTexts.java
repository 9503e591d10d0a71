package com.loyalty.chat.chassis.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import com.loyalty.chat.contracts.api.ErrorCode;

/**
 * The codes and texts of the answers to requests refused before any handler took them (wrong method, an answer the
 * client does not accept, a body that is not JSON or too large, a browser's origin that is not allowed), written once
 * for the servlet services ({@link CommonErrors}), the reactive gateway and the realtime nodes alike. Like
 * {@link TokenClaims} it needs no servlet class.
 */
public final class RefusalTexts {

    /** With 403/4003, for a browser's origin that CORS does not allow: the gateway's and the nodes' answer alike. */
    public static final String ORIGIN_NOT_ALLOWED = "origin not allowed";

    private RefusalTexts() {
    }

    /** The text for a 4xx {@code status} other than 404, which is the contract's own 4004. */
    public static String of(HttpStatusCode status) {
        return switch (HttpStatus.resolve(status.value())) {
            case METHOD_NOT_ALLOWED -> "不支持该请求方法";
            case NOT_ACCEPTABLE -> "只能以 application/json 应答";
            case UNSUPPORTED_MEDIA_TYPE -> "请求体必须是 application/json";
            case CONTENT_TOO_LARGE -> "请求体过大";
            case null, default -> ErrorCode.INVALID_REQUEST.defaultMessage();
        };
    }

    /** The code for a 4xx {@code status} other than 404: 4013 for a body too large, 4000 for the rest. */
    public static ErrorCode code(HttpStatusCode status) {
        return status.value() == HttpStatus.CONTENT_TOO_LARGE.value()
                ? ErrorCode.CONTENT_TOO_LARGE : ErrorCode.INVALID_REQUEST;
    }
}
