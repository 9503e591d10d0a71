package com.loyalty.chat.session.oplog;

import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.WireNamed;

/**
 * One line of the operation log. {@code fromStatus}/{@code toStatus} and {@code fromAdminId}/{@code toAdminId} are the
 * session's state and holder before and after; they are equal when the operation changed nothing (a reply to a
 * session already active, or one that lost a race, which {@code note} then explains).
 */
public record OperationLogEntry(String sessionId, Action action, OperatorType operatorType, Long operatorId,
                                SessionStatus fromStatus, SessionStatus toStatus, Long fromAdminId, Long toAdminId,
                                String messageId, String note) {

    public enum Action implements WireNamed {
        ASSIGN, CLAIM, TRANSFER, REPLY, REQUEUE, CLOSE
    }

    /** Who acted: an admin, the session's user, or the service itself (assignment, re-queueing). */
    public enum OperatorType implements WireNamed {
        ADMIN, USER, SYSTEM
    }
}
