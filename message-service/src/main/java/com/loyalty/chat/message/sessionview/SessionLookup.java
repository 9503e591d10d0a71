package com.loyalty.chat.message.sessionview;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Finds a session for a REST request, which may name a session the view does not hold yet: a client can ask for a
 * session it has just opened before that session's SessionOpened has reached this service. Such a request looks
 * again for a short while, holding no transaction meanwhile, before the session counts as missing.
 */
@Component
public class SessionLookup {

    private final SessionViews views;
    private final SessionLookupProperties properties;

    SessionLookup(SessionViews views, SessionLookupProperties properties) {
        this.views = views;
        this.properties = properties;
    }

    /** The session as the view holds it, once it does; empty when it did not show up within the patience. */
    public Optional<SessionView> find(String sessionId) {
        if (!SessionViews.canHold(sessionId)) {
            return Optional.empty();
        }
        BackOffExecution pauses = pauses().start();
        while (true) {
            Optional<SessionView> view = views.find(sessionId);
            if (view.isPresent() || !pause(pauses)) {
                return view;
            }
        }
    }

    private ExponentialBackOff pauses() {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.initialPause().toMillis(), 2);
        backOff.setMaxInterval(properties.maxPause().toMillis());
        backOff.setMaxElapsedTime(properties.patience().toMillis());
        return backOff;
    }

    /** Waits for the next pause; false when patience has run out. */
    private static boolean pause(BackOffExecution pauses) {
        long millis = pauses.nextBackOff();
        if (millis == BackOffExecution.STOP) {
            return false;
        }
        try {
            Thread.sleep(millis);
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
