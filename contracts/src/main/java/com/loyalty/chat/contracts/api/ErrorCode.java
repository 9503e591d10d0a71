package com.loyalty.chat.contracts.api;

/** The contract's error table: each code with its HTTP status and default message. */
public enum ErrorCode {

    OK(0, 200, "成功"),
    INVALID_REQUEST(4000, 400, "请求参数无效"),
    TOKEN_MISSING(4001, 401, "缺少访问令牌"),
    TOKEN_INVALID(4002, 401, "访问令牌无效或已过期"),
    FORBIDDEN(4003, 403, "无权访问"),
    NOT_FOUND(4004, 404, "资源不存在"),
    CONFLICT(4009, 409, "会话状态冲突"),
    CONTENT_TOO_LARGE(4013, 413, "消息内容超过16KB"),
    RATE_LIMITED(4029, 429, "请求过于频繁，请稍后再试"),
    INTERNAL(5000, 500, "服务器内部错误"),
    UNAVAILABLE(5003, 503, "服务暂不可用，请稍后重试");

    private final int code;
    private final int httpStatus;
    private final String defaultMessage;

    ErrorCode(int code, int httpStatus, String defaultMessage) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.defaultMessage = defaultMessage;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String defaultMessage() {
        return defaultMessage;
    }
}
