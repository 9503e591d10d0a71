package com.loyalty.chat.session.session;

import java.time.Instant;
import java.util.UUID;

import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.StatusChangeReason;
import com.loyalty.chat.contracts.events.UserProfile;

/** Builds the contract records published about a session, always from its state after the change. */
final class SessionEvents {

    private SessionEvents() {
    }

    static SessionEvent.SessionOpened opened(CustomerSession session, UserProfile user) {
        return new SessionEvent.SessionOpened(SessionEvent.SCHEMA_VERSION, newEventId(), session.sessionId(),
                session.version(), session.createdAt(), user, session.source(), session.priority());
    }

    static SessionEvent.SessionStatusChanged statusChanged(CustomerSession session, CustomerSession.StatusChange change,
                                                           UserProfile admin, StatusChangeReason reason, Instant at) {
        return new SessionEvent.SessionStatusChanged(SessionEvent.SCHEMA_VERSION, newEventId(), session.sessionId(),
                session.version(), at, session.userId(), change.from(), change.to(), admin, reason);
    }

    private static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
