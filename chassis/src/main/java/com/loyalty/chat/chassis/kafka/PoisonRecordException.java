package com.loyalty.chat.chassis.kafka;

/**
 * A record that no retry can make readable or applicable. It is not a transient failure, so the chassis's error
 * handler sends it to the dead-letter topic at once and consumption carries on.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
