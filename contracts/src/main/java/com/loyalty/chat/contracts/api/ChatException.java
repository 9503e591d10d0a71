package com.loyalty.chat.contracts.api;

/** A failure a client caused or must know about; each service's advice turns it into the envelope. */
public class ChatException extends RuntimeException {

    private final ErrorCode errorCode;

    public ChatException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public ChatException(ErrorCode errorCode) {
        this(errorCode, errorCode.defaultMessage());
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public static ChatException invalid(String message) {
        return new ChatException(ErrorCode.INVALID_REQUEST, message);
    }

    public static ChatException notFound(String message) {
        return new ChatException(ErrorCode.NOT_FOUND, message);
    }

    public static ChatException conflict(String message) {
        return new ChatException(ErrorCode.CONFLICT, message);
    }

    public static ChatException forbidden(String message) {
        return new ChatException(ErrorCode.FORBIDDEN, message);
    }
}
