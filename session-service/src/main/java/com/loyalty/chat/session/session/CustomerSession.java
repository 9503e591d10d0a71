package com.loyalty.chat.session.session;

import java.time.Instant;
import java.util.Optional;

import com.loyalty.chat.contracts.events.SessionStatus;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A user's conversation with customer service. Every change bumps {@code version}, which events carry as
 * {@code sessionVersion} so consumers can drop stale news. The database allows one open session per user (see the
 * generated {@code open_marker} column).
 */
@Entity
@Table(name = "customer_sessions")
class CustomerSession {

    static final String DEFAULT_SOURCE = "mobile";
    static final int DEFAULT_PRIORITY = 1;

    @Id
    @Column(name = "session_id", length = 100)
    private String sessionId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "admin_id")
    private Long adminId;

    @Column(nullable = false, length = 16)
    private SessionStatus status;

    @Column(nullable = false, length = 50)
    private String source;

    @Column(nullable = false)
    private int priority;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "last_message_at")
    private Instant lastMessageAt;

    /** Null until first stored, which is how Spring Data tells a new session with an assigned id from a loaded one. */
    @Version
    private Long version;

    protected CustomerSession() {
    }

    static CustomerSession open(String sessionId, long userId, Instant now) {
        CustomerSession session = new CustomerSession();
        session.sessionId = sessionId;
        session.userId = userId;
        session.status = SessionStatus.WAITING;
        session.source = DEFAULT_SOURCE;
        session.priority = DEFAULT_PRIORITY;
        session.createdAt = now;
        session.updatedAt = now;
        return session;
    }

    /** Messages may arrive out of order; the latest time wins, so a redelivery changes nothing. */
    void messageStoredAt(Instant storedAt, Instant now) {
        if (lastMessageAt == null || storedAt.isAfter(lastMessageAt)) {
            lastMessageAt = storedAt;
            updatedAt = now;
        }
    }

    /**
     * An admin replied. A session that waits or is held without a reply becomes active with that admin; in any other
     * state the reply changes nothing.
     */
    Optional<StatusChange> answeredBy(long replyingAdminId, Instant now) {
        if (status != SessionStatus.WAITING && status != SessionStatus.ASSIGNED) {
            return Optional.empty();
        }
        StatusChange change = new StatusChange(status, SessionStatus.ACTIVE);
        status = SessionStatus.ACTIVE;
        adminId = replyingAdminId;
        updatedAt = now;
        return Optional.of(change);
    }

    String sessionId() {
        return sessionId;
    }

    long userId() {
        return userId;
    }

    Long adminId() {
        return adminId;
    }

    SessionStatus status() {
        return status;
    }

    String source() {
        return source;
    }

    int priority() {
        return priority;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastMessageAt() {
        return lastMessageAt;
    }

    long version() {
        return version;
    }

    record StatusChange(SessionStatus from, SessionStatus to) {
    }
}
