package com.loyalty.chat.session.session;

import java.util.Arrays;

import com.loyalty.chat.contracts.events.SessionStatus;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a status under its wire name ({@code waiting}, …), as the seed table does. */
@Converter(autoApply = true)
class SessionStatusColumn implements AttributeConverter<SessionStatus, String> {

    @Override
    public String convertToDatabaseColumn(SessionStatus status) {
        return status == null ? null : status.wireName();
    }

    @Override
    public SessionStatus convertToEntityAttribute(String column) {
        if (column == null) {
            return null;
        }
        return Arrays.stream(SessionStatus.values())
                .filter(status -> status.wireName().equals(column))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown session status in the database: " + column));
    }
}
