package com.loyalty.chat.chassis.kafka;

import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the JSON value of a consumed record into a contract type, or declares it poison. Listeners receive plain
 * strings and convert here, so a record that cannot be read is a {@link PoisonRecordException}, which the chassis's
 * error handler dead-letters at once, instead of a crash loop.
 */
public final class ContractRecords {

    private final JsonMapper jsonMapper;

    ContractRecords(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /**
     * Reads {@code json} as {@code type}. A record that is not JSON, names no known {@code type}, or carries a
     * schema version other than {@code supportedVersion} is poison: guessing at it would be worse than parking it.
     */
    public <T> T read(@Nullable String json, Class<T> type, ToIntFunction<T> schemaVersion, int supportedVersion) {
        if (json == null) {
            throw new PoisonRecordException("record without a value, expected a " + type.getSimpleName());
        }
        T value;
        try {
            value = jsonMapper.readValue(json, type);
        }
        catch (JacksonException e) {
            throw new PoisonRecordException("not a readable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
        if (value == null) {
            throw new PoisonRecordException("null record, expected a " + type.getSimpleName());
        }
        int version = schemaVersion.applyAsInt(value);
        if (version != supportedVersion) {
            throw new PoisonRecordException(type.getSimpleName() + " schemaVersion " + version + " is not supported");
        }
        return value;
    }
}
