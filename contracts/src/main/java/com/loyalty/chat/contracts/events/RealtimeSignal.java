package com.loyalty.chat.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What one realtime node tells the others about a live conversation, on {@link Topics#REALTIME_SIGNALS}. The node
 * that saw the signal resolves who takes part in the session, so every node routes it like a message: to the
 * session's user, and to its admin (every admin while {@code sessionAdminId} is null).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RealtimeSignal.TypingChanged.class, name = "TypingChanged")
})
public sealed interface RealtimeSignal {

    int SCHEMA_VERSION = 1;

    int schemaVersion();

    String sessionId();

    Instant occurredAt();

    /** Someone started or stopped typing in a session; the other side is told. */
    record TypingChanged(int schemaVersion, String sessionId, Instant occurredAt, long userId, SenderType senderType,
                         boolean typing, long sessionUserId, Long sessionAdminId) implements RealtimeSignal {
    }
}
