package com.loyalty.chat.message.sessionview;

import com.loyalty.chat.contracts.events.MessageCommand.Sender;
import com.loyalty.chat.contracts.events.SessionStatus;

/**
 * What message-service knows about a session: whose it is, who holds it, its state as of {@code version}, and the
 * sequence the next stored message takes. {@code adminId} is null while the session waits for an admin.
 */
public record SessionView(String sessionId, long userId, Long adminId, SessionStatus status, long version,
                          long nextSequence) {

    public boolean isOwnedBy(long userId) {
        return this.userId == userId;
    }

    public boolean isClosed() {
        return status == SessionStatus.CLOSED;
    }

    public boolean isHeldByAnotherAdmin(long adminId) {
        return this.adminId != null && this.adminId != adminId;
    }

    /**
     * Whether {@code participant} takes part in the session as their side: the session's own user, or an admin who
     * holds it or, while nobody holds it, any admin (every online admin is shown a waiting session).
     */
    public boolean admits(Sender participant) {
        return switch (participant.type()) {
            case USER -> isOwnedBy(participant.userId());
            case ADMIN -> !isHeldByAnotherAdmin(participant.userId());
        };
    }

    /**
     * After a message from {@code senderAdminId} (null for the user) is stored: the sequence moves on, and an admin
     * writing into an unassigned session holds it from now on. session-service makes the claim official when it
     * sees the message; holding it here already keeps a second admin from replying in the meantime.
     */
    public SessionView afterMessageFrom(Long senderAdminId) {
        Long holder = adminId == null ? senderAdminId : adminId;
        return new SessionView(sessionId, userId, holder, status, version, nextSequence + 1);
    }
}
