package com.loyalty.chat.session.oplog;

import java.util.Locale;

import com.loyalty.chat.contracts.events.SessionStatus;

/**
 * One line of the operation log. {@code fromStatus}/{@code toStatus} and {@code fromAdminId}/{@code toAdminId} are the
 * session's state and holder before and after; they are equal when the operation changed nothing (a reply to a
 * session already active, or one that lost a race, which {@code note} then explains).
 */
public record OperationLogEntry(String sessionId, Action action, OperatorType operatorType, Long operatorId,
                                SessionStatus fromStatus, SessionStatus toStatus, Long fromAdminId, Long toAdminId,
                                String messageId, String note) {

    public enum Action {
        ASSIGN, CLAIM, TRANSFER, REPLY, REQUEUE, CLOSE;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Who acted: an admin, the session's user, or the service itself (assignment, re-queueing). */
    public enum OperatorType {
        ADMIN, USER, SYSTEM;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
