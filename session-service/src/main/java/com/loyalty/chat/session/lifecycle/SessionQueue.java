package com.loyalty.chat.session.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.session.presence.AdminAvailability;
import com.loyalty.chat.session.presence.AdminStatus;
import com.loyalty.chat.session.presence.AdminStatuses;

/**
 * The shared queue of waiting sessions, as the assignment policy drives it. The policy picks whom to try; this is
 * where an assignment is proven allowed, under the admin's lock, so that no interleaving of assigners, replicas or
 * presence changes ever gives an admin more than their maximum or a session while they are not online.
 */
@Service
public class SessionQueue {

    public enum Outcome { ASSIGNED, NO_WAITING_SESSION, ADMIN_UNAVAILABLE }

    private final SessionStore store;
    private final SessionTransitions transitions;
    private final AdminStatuses admins;
    private final Clock clock;

    SessionQueue(SessionStore store, SessionTransitions transitions, AdminStatuses admins, Clock clock) {
        this.store = store;
        this.transitions = transitions;
        this.admins = admins;
        this.clock = clock;
    }

    /**
     * Gives the queue's head to {@code adminId} if they are online and below their maximum. When they are not, their
     * recount is stored so that the policy's next look at the candidates sees the truth.
     */
    @Transactional
    public Outcome assignNextWaiting(long adminId) {
        Optional<CustomerSession> next = store.lockNextWaiting();
        if (next.isEmpty()) {
            return Outcome.NO_WAITING_SESSION;
        }
        AdminStatus admin = transitions.lockAdmins(List.of(adminId)).get(adminId);
        int open = store.countOpenOf(adminId);
        if (admin.availability() != AdminAvailability.ONLINE || open >= admin.maxSessions()) {
            admins.recordLoad(adminId, open, null);
            return Outcome.ADMIN_UNAVAILABLE;
        }
        transitions.apply(next.get().assignTo(adminId, clock.instant()));
        return Outcome.ASSIGNED;
    }

    /**
     * Puts back in the queue the sessions {@code adminId} holds without having answered, if they are still offline
     * since before {@code offlineBefore} (they may have come back since the caller looked). Answered sessions stay:
     * the user is in a conversation with that admin.
     */
    @Transactional
    public int requeueUnanswered(long adminId, Instant offlineBefore) {
        List<CustomerSession> unanswered = store.lockAssignedOf(adminId);
        if (unanswered.isEmpty()
                || !transitions.lockAdmins(List.of(adminId)).get(adminId).offlineSinceBefore(offlineBefore)) {
            return 0;
        }
        Instant now = clock.instant();
        unanswered.forEach(session -> transitions.apply(session.requeue(now)));
        return unanswered.size();
    }
}
