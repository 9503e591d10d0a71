package com.loyalty.chat.realtime.logging;

import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

import ch.qos.logback.classic.spi.IThrowableProxy;

/** {@code %wEx} of logback-spring.xml: Boot's stack traces, credentials in exception messages blanked out. */
public class RedactingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return TokenRedaction.redact(super.throwableProxyToString(throwable));
    }
}
