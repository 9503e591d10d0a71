package com.loyalty.chat.session.assignment;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

import com.loyalty.chat.session.presence.AdminStatus;
import com.loyalty.chat.session.presence.AdminStatuses;
import com.loyalty.chat.session.lifecycle.SessionQueue;

/**
 * The assignment policy: the queue's head goes to the online admin with the most free capacity, ties to the one who
 * has waited longest since their last session (never having had one counts as longest). The candidates are read
 * without locks; {@link SessionQueue#assignNextWaiting} confirms each choice under the admin's lock.
 */
@Component
class Assigner {

    private static final Comparator<AdminStatus> PREFERENCE = Comparator
            .comparingInt(AdminStatus::freeSlots).reversed()
            .thenComparing(AdminStatus::lastAssignedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparingLong(AdminStatus::adminId);

    private final SessionQueue queue;
    private final AdminStatuses admins;

    Assigner(SessionQueue queue, AdminStatuses admins) {
        this.queue = queue;
        this.admins = admins;
    }

    /**
     * Assigns until the queue is empty or nobody can take more. A refused candidate had stale figures, which the
     * refusal corrected, so the next round does not pick them again: every round assigns a session or shrinks the
     * candidates.
     */
    void assignWhilePossible() {
        while (true) {
            List<AdminStatus> candidates = admins.onlineBelowCapacity();
            if (candidates.isEmpty()) {
                return;
            }
            AdminStatus preferred = candidates.stream().min(PREFERENCE).orElseThrow();
            if (queue.assignNextWaiting(preferred.adminId()) == SessionQueue.Outcome.NO_WAITING_SESSION) {
                return;
            }
        }
    }
}
