package com.loyalty.chat.session.lifecycle;

import java.time.Clock;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.api.ChatException;

/** What a user does to their own session; another user's session does not exist for them (4004). */
@Service
@Transactional
class UserSessionActions {

    private final SessionStore store;
    private final SessionTransitions transitions;
    private final Clock clock;

    UserSessionActions(SessionStore store, SessionTransitions transitions, Clock clock) {
        this.store = store;
        this.transitions = transitions;
        this.clock = clock;
    }

    void close(long userId, String sessionId) {
        transitions.apply(lockOwn(userId, sessionId).closeByUser(clock.instant()));
    }

    SessionRating rate(long userId, String sessionId, int score, String comment) {
        CustomerSession session = lockOwn(userId, sessionId);
        CustomerSession rated = session.rate(score, comment, clock.instant());
        transitions.rate(session, rated);
        return new SessionRating(rated.sessionId(), score, comment, rated.ratedAt());
    }

    private CustomerSession lockOwn(long userId, String sessionId) {
        return store.lock(sessionId)
                .filter(session -> session.userId() == userId)
                .orElseThrow(ChatException::sessionNotFound);
    }
}
