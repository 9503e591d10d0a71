package com.loyalty.chat.session.messaging;

/**
 * A record that can never be processed, however often it is retried: it goes straight to the dead-letter topic.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
