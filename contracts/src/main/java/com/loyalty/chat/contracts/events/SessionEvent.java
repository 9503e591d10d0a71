package com.loyalty.chat.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What happened to a session; published by session-service on {@link Topics#SESSION_EVENTS}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SessionEvent.SessionOpened.class, name = "SessionOpened"),
        @JsonSubTypes.Type(value = SessionEvent.SessionStatusChanged.class, name = "SessionStatusChanged"),
        @JsonSubTypes.Type(value = SessionEvent.SessionRated.class, name = "SessionRated")
})
public sealed interface SessionEvent {

    int SCHEMA_VERSION = 1;

    int schemaVersion();

    /** Unique per event; consumers remember it to ignore redeliveries. */
    String eventId();

    String sessionId();

    /** The session's version after this change; consumers ignore an event older than what they hold. */
    long sessionVersion();

    Instant occurredAt();

    /** A user opened a session; it waits in the shared queue until an admin holds it. */
    record SessionOpened(int schemaVersion, String eventId, String sessionId, long sessionVersion,
                         Instant occurredAt, UserProfile user, String source, int priority) implements SessionEvent {
    }

    /**
     * The session moved between states or admins (assigned, claimed, transferred, answered, re-queued, closed).
     * {@code admin} is who holds it afterwards, null while it waits.
     */
    record SessionStatusChanged(int schemaVersion, String eventId, String sessionId, long sessionVersion,
                                Instant occurredAt, long userId, SessionStatus oldStatus, SessionStatus newStatus,
                                UserProfile admin, StatusChangeReason reason) implements SessionEvent {
    }

    /** The session's user rated it after it closed. */
    record SessionRated(int schemaVersion, String eventId, String sessionId, long sessionVersion,
                        Instant occurredAt, long userId, Long adminId, int score, String comment)
            implements SessionEvent {
    }
}
