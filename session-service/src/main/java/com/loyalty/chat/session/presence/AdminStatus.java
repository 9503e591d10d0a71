package com.loyalty.chat.session.presence;

import java.time.Instant;

/**
 * An admin's row of {@code admin_statuses}. {@code availability} follows from the admin's connections and choice:
 * offline without a live admin connection, else busy if they chose so, else online. {@code currentSessions} is what
 * the last recount under this row's lock found.
 */
public record AdminStatus(long adminId, AdminAvailability availability, boolean busy, int currentSessions,
                          int maxSessions, Instant lastActiveAt, Instant offlineSince, Instant lastAssignedAt) {

    /** Gone since before {@code cutoff}: an admin never seen connected has no {@code offlineSince} and never is. */
    public boolean offlineSinceBefore(Instant cutoff) {
        return availability == AdminAvailability.OFFLINE && offlineSince != null && !offlineSince.isAfter(cutoff);
    }

    public int freeSlots() {
        return maxSessions - currentSessions;
    }

    /**
     * The admin's connections changed. Busy lasts while connected: the last connection going away makes them offline
     * and forgets the choice, so they come back online.
     */
    AdminStatus connected(boolean connected, Instant now) {
        if (connected) {
            return new AdminStatus(adminId, busy ? AdminAvailability.BUSY : AdminAvailability.ONLINE, busy,
                    currentSessions, maxSessions, now, null, lastAssignedAt);
        }
        if (availability == AdminAvailability.OFFLINE) {
            return this;
        }
        return new AdminStatus(adminId, AdminAvailability.OFFLINE, false, currentSessions, maxSessions, now, now,
                lastAssignedAt);
    }

    /** The admin chose busy or online; while not connected the choice waits for their next connection. */
    AdminStatus chose(boolean busy, boolean connected, Instant now) {
        AdminAvailability next = !connected ? AdminAvailability.OFFLINE
                : busy ? AdminAvailability.BUSY : AdminAvailability.ONLINE;
        return new AdminStatus(adminId, next, busy, currentSessions, maxSessions, now, offlineSince, lastAssignedAt);
    }
}
