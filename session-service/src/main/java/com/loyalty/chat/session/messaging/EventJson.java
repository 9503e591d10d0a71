package com.loyalty.chat.session.messaging;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads consumed records into the contract's sealed event types. Listeners receive plain strings and convert here,
 * so a record that cannot be read becomes a {@link PoisonRecordException} instead of a crash loop.
 */
@Component
public class EventJson {

    private final JsonMapper jsonMapper;

    EventJson(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public <T> T read(String record, Class<T> type) {
        if (record == null) {
            throw new PoisonRecordException("Empty record where a " + type.getSimpleName() + " was expected");
        }
        try {
            return jsonMapper.readValue(record, type);
        } catch (JacksonException e) {
            throw new PoisonRecordException(
                    "Not a readable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
