package com.loyalty.chat.message.messaging;

/** A record that no retry can make readable: it goes to the dead-letter topic and consumption carries on. */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
