package com.loyalty.chat.realtime.protocol;

/** A client frame that is not JSON or lacks its type; the connection survives it. */
public class MalformedFrameException extends Exception {

    MalformedFrameException(String message) {
        super(message);
    }
}
