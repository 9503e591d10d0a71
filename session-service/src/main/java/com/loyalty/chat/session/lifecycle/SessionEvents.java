package com.loyalty.chat.session.lifecycle;

import java.util.UUID;

import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.UserProfile;

/** Builds the contract records published about a session, always from its state after the change. */
final class SessionEvents {

    private SessionEvents() {
    }

    static SessionEvent.SessionOpened opened(CustomerSession session, UserProfile user) {
        return new SessionEvent.SessionOpened(SessionEvent.SCHEMA_VERSION, newEventId(), session.sessionId(),
                session.version(), session.createdAt(), user, session.source(), session.priority());
    }

    /** {@code admin} is who holds the session afterwards, null while it waits. */
    static SessionEvent.SessionStatusChanged statusChanged(CustomerSession.Change change, UserProfile admin) {
        CustomerSession after = change.after();
        return new SessionEvent.SessionStatusChanged(SessionEvent.SCHEMA_VERSION, newEventId(), after.sessionId(),
                after.version(), change.at(), after.userId(), change.before().status(), after.status(), admin,
                change.reason());
    }

    static SessionEvent.SessionRated rated(CustomerSession rated) {
        return new SessionEvent.SessionRated(SessionEvent.SCHEMA_VERSION, newEventId(), rated.sessionId(),
                rated.version(), rated.ratedAt(), rated.userId(), rated.adminId(), rated.satisfactionScore(),
                rated.ratingComment());
    }

    private static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
