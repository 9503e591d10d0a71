package com.loyalty.chat.contracts.api;

/** A failure a client caused or must know about; each service's advice turns it into the envelope. */
public class ChatException extends RuntimeException {

    /**
     * The one text for a session that does not exist or is not the caller's (the contract does not reveal which), in
     * the contract's language, wherever a service refuses it: REST answers and {@code MessageRejected} alike.
     */
    public static final String SESSION_NOT_FOUND = "会话不存在";

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

    public static ChatException sessionNotFound() {
        return notFound(SESSION_NOT_FOUND);
    }

    public static ChatException conflict(String message) {
        return new ChatException(ErrorCode.CONFLICT, message);
    }

    public static ChatException forbidden(String message) {
        return new ChatException(ErrorCode.FORBIDDEN, message);
    }
}
