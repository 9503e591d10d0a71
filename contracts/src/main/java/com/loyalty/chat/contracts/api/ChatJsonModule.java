package com.loyalty.chat.contracts.api;

import java.time.Instant;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes every {@link Instant} in the contract's format. Registered through {@code META-INF/services}, so each
 * service's auto-configured JSON mapper finds it without code of its own.
 */
public class ChatJsonModule extends SimpleModule {

    public ChatJsonModule() {
        super("chat-contract");
        addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(Timestamps.format(value));
            }
        });
    }
}
