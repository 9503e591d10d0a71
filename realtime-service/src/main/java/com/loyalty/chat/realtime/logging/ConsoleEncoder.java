package com.loyalty.chat.realtime.logging;

import java.nio.charset.Charset;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.util.StringUtils;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * The console's encoder in logback-spring.xml: JSON lines when a structured format is set
 * ({@code logging.structured.format.console}, from {@code CHAT_LOG_FORMAT}), Boot's pattern otherwise, as Boot's own
 * console appender chooses. Boot's XML offers the two as separate appenders, and choosing in XML needs Janino.
 */
public class ConsoleEncoder extends EncoderBase<ILoggingEvent> {

    private @Nullable String format;
    private @Nullable String pattern;
    private @Nullable Charset charset;
    private @Nullable Encoder<ILoggingEvent> delegate;

    public void setFormat(String format) {
        this.format = format;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    @Override
    public void start() {
        if (StringUtils.hasText(format)) {
            StructuredLogEncoder structured = new StructuredLogEncoder();
            structured.setFormat(format);
            structured.setCharset(charset);
            delegate = structured;
        }
        else {
            PatternLayoutEncoder plain = new PatternLayoutEncoder();
            plain.setPattern(pattern);
            plain.setCharset(charset);
            delegate = plain;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate().headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate().encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate().footerBytes();
    }

    private Encoder<ILoggingEvent> delegate() {
        if (delegate == null) {
            throw new IllegalStateException("Not started");
        }
        return delegate;
    }
}
