package com.loyalty.chat.realtime.protocol;

/** A client frame that is not JSON, lacks its type or carries an unusable {@code requestId}; the connection survives. */
public class MalformedFrameException extends Exception {

    private final String requestType;

    MalformedFrameException(String message, String requestType) {
        super(message);
        this.requestType = requestType;
    }

    /** The frame's type when it could be read, else null. */
    public String requestType() {
        return requestType;
    }
}
