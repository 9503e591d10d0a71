package com.loyalty.chat.realtime.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %m} of logback-spring.xml: the message, credentials blanked out. */
public class RedactingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return TokenRedaction.redact(super.convert(event));
    }
}
