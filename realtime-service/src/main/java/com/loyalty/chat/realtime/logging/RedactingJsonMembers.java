package com.loyalty.chat.realtime.logging;

import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.json.JsonWriter.ValueProcessor;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * JSON log lines ({@code CHAT_LOG_FORMAT=ecs|logstash}) with every text value, message and stack trace alike,
 * passed through the same redaction as plain lines.
 */
public class RedactingJsonMembers implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(Members<Object> members) {
        members.applyingValueProcessor(ValueProcessor.of(String.class, TokenRedaction::redact));
    }
}
