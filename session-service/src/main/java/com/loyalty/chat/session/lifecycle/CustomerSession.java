package com.loyalty.chat.session.lifecycle;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.StatusChangeReason;

/**
 * A user's conversation with customer service, and the rules of its lifecycle {@code waiting → assigned → active →
 * closed}: a waiting session has no holder, an assigned or active one has exactly one, a closed one keeps its last.
 * Every change raises {@code version}, which events carry as {@code sessionVersion} so consumers can drop stale news.
 * Instances are immutable; a transition answers the session after it, or refuses with the contract's error.
 */
record CustomerSession(String sessionId, long userId, Long adminId, SessionStatus status, String source, int priority,
                       Instant createdAt, Instant closedAt, Integer satisfactionScore, String ratingComment,
                       Instant ratedAt, long version) {

    static final String DEFAULT_SOURCE = "mobile";
    static final int DEFAULT_PRIORITY = 1;

    static CustomerSession open(String sessionId, long userId, Instant now) {
        return new CustomerSession(sessionId, userId, null, SessionStatus.WAITING, DEFAULT_SOURCE, DEFAULT_PRIORITY,
                now, null, null, null, null, 0);
    }

    boolean isOpen() {
        return status != SessionStatus.CLOSED;
    }

    boolean isHeldBy(long admin) {
        return isOpen() && adminId != null && adminId == admin;
    }

    /** Automatic assignment; the queue only ever hands out waiting sessions. */
    Change assignTo(long admin, Instant now) {
        if (status != SessionStatus.WAITING) {
            throw new IllegalStateException("Only a waiting session is assigned, not " + this);
        }
        return change(SessionStatus.ASSIGNED, admin, StatusChangeReason.ASSIGNED, now);
    }

    /** Taking a pending session; taking one already held by the same admin again changes nothing. */
    Optional<Change> claimBy(long admin, Instant now) {
        if (isHeldBy(admin)) {
            return Optional.empty();
        }
        requireOpen();
        if (status != SessionStatus.WAITING) {
            throw heldByAnother();
        }
        return Optional.of(change(SessionStatus.ASSIGNED, admin, StatusChangeReason.CLAIMED, now));
    }

    /** The session keeps its state (answered or not) and changes hands. */
    Change transfer(long fromAdmin, long toAdmin, Instant now) {
        requireOpen();
        if (!isHeldBy(fromAdmin)) {
            throw ChatException.conflict("只能转接自己正在处理的会话");
        }
        if (toAdmin == fromAdmin) {
            throw ChatException.invalid("toAdminId: 不能转接给自己");
        }
        return change(status, toAdmin, StatusChangeReason.TRANSFERRED, now);
    }

    /** An admin closes their own session, or a pending one, which then counts as theirs. */
    Change closeByAdmin(long admin, Instant now) {
        requireOpen();
        if (status != SessionStatus.WAITING && !isHeldBy(admin)) {
            throw heldByAnother();
        }
        return change(SessionStatus.CLOSED, admin, StatusChangeReason.CLOSED_BY_ADMIN, now);
    }

    Change closeByUser(Instant now) {
        requireOpen();
        return change(SessionStatus.CLOSED, adminId, StatusChangeReason.CLOSED_BY_USER, now);
    }

    CustomerSession rate(int score, String comment, Instant now) {
        if (isOpen()) {
            throw ChatException.conflict("会话结束后才能评价");
        }
        if (ratedAt != null) {
            throw ChatException.conflict("会话已评价");
        }
        return new CustomerSession(sessionId, userId, adminId, status, source, priority, createdAt, closedAt, score,
                comment, now, version + 1);
    }

    /**
     * An admin's reply, already stored by message-service: it activates a pending session (claiming it) or the
     * replier's own assigned one. Anything else (already active, closed meanwhile, held by another admin who won a
     * race) leaves the session as it is.
     */
    Optional<Change> answeredBy(long admin, Instant now) {
        if (status == SessionStatus.WAITING || (status == SessionStatus.ASSIGNED && isHeldBy(admin))) {
            return Optional.of(change(SessionStatus.ACTIVE, admin, StatusChangeReason.ADMIN_REPLIED, now));
        }
        return Optional.empty();
    }

    /** Why a reply by {@code admin} changed nothing, when that needs saying. */
    String unappliedReplyNote(long admin) {
        if (!isOpen()) {
            return "回复时会话已关闭，状态未改变";
        }
        return isHeldBy(admin) ? null : "回复时会话由管理员" + adminId + "处理，状态未改变";
    }

    /** The holder went away without answering: back to the shared queue. */
    Change requeue(Instant now) {
        if (status != SessionStatus.ASSIGNED) {
            throw new IllegalStateException("Only an assigned session is re-queued, not " + this);
        }
        return change(SessionStatus.WAITING, null, StatusChangeReason.REQUEUED, now);
    }

    private Change change(SessionStatus nextStatus, Long nextAdmin, StatusChangeReason reason, Instant now) {
        CustomerSession after = new CustomerSession(sessionId, userId, nextAdmin, nextStatus, source, priority,
                createdAt, nextStatus == SessionStatus.CLOSED ? now : closedAt, satisfactionScore, ratingComment,
                ratedAt, version + 1);
        return new Change(this, after, reason, now);
    }

    private void requireOpen() {
        if (!isOpen()) {
            throw ChatException.conflict("会话已关闭");
        }
    }

    private static ChatException heldByAnother() {
        return ChatException.conflict("会话已由其他管理员处理");
    }

    /** One transition: the session before and after it, why, and when. */
    record Change(CustomerSession before, CustomerSession after, StatusChangeReason reason, Instant at) {

        boolean holderChanged() {
            return !Objects.equals(before.adminId(), after.adminId());
        }
    }
}
