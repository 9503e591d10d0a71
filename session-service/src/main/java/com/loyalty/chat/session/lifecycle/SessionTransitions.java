package com.loyalty.chat.session.lifecycle;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.events.UserProfile;
import com.loyalty.chat.session.account.UserDirectory;
import com.loyalty.chat.session.oplog.OperationLog;
import com.loyalty.chat.session.oplog.OperationLogEntry;
import com.loyalty.chat.session.oplog.OperationLogEntry.Action;
import com.loyalty.chat.session.oplog.OperationLogEntry.OperatorType;
import com.loyalty.chat.session.presence.AdminStatus;
import com.loyalty.chat.session.presence.AdminStatuses;

/**
 * Writes a transition of a locked session together with everything that must commit with it: the holders' recounted
 * load, the event for the outbox (no dual write: it is stored in this transaction) and the operation log.
 *
 * <p>Lock order, which every transaction in the service follows so none waits on another in a circle: session rows
 * first, then admin rows in ascending id, then (written just before commit) the session totals. Under
 * that order an admin's load, recounted while their row is locked, is exact: everyone who adds or removes one of
 * their sessions holds the same lock until commit, and the recount reads committed data as of now (the service runs
 * READ COMMITTED).
 */
@Component
class SessionTransitions {

    private final SessionStore store;
    private final SessionTotals totals;
    private final AdminStatuses admins;
    private final UserDirectory users;
    private final OperationLog log;
    private final ApplicationEventPublisher events;

    SessionTransitions(SessionStore store, SessionTotals totals, AdminStatuses admins, UserDirectory users,
                       OperationLog log, ApplicationEventPublisher events) {
        this.store = store;
        this.totals = totals;
        this.admins = admins;
        this.users = users;
        this.log = log;
        this.events = events;
    }

    /** Locks the admins' rows in the service's one order; call after locking the session. */
    @Transactional(propagation = Propagation.MANDATORY)
    Map<Long, AdminStatus> lockAdmins(Collection<Long> adminIds) {
        Map<Long, AdminStatus> locked = new LinkedHashMap<>();
        new TreeSet<>(adminIds).forEach(adminId -> locked.put(adminId, admins.lock(adminId)));
        return locked;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void apply(CustomerSession.Change change) {
        apply(change, null);
    }

    /** {@code messageId} names the reply behind an {@code ADMIN_REPLIED} change. */
    @Transactional(propagation = Propagation.MANDATORY)
    void apply(CustomerSession.Change change, String messageId) {
        CustomerSession before = change.before();
        CustomerSession after = change.after();
        store.update(before, after, change.at());
        recountHolders(change);
        events.publishEvent(SessionEvents.statusChanged(change, profileOf(after.adminId())));
        log.record(new OperationLogEntry(after.sessionId(), action(change), operatorType(change), operatorId(change),
                before.status(), after.status(), before.adminId(), after.adminId(), messageId, null));
        totals.statusChanged(before.status(), after.status());
    }

    /**
     * Replies that changed nothing about their session (already active, or a lost race) are still operations; logged
     * in one statement, in the order given.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void logReplies(List<Reply> replies) {
        log.recordAll(replies.stream()
                .map(reply -> new OperationLogEntry(reply.session().sessionId(), Action.REPLY, OperatorType.ADMIN,
                        reply.adminId(), reply.session().status(), reply.session().status(),
                        reply.session().adminId(), reply.session().adminId(), reply.messageId(),
                        reply.session().unappliedReplyNote(reply.adminId())))
                .toList());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void rate(CustomerSession before, CustomerSession rated) {
        store.update(before, rated, rated.ratedAt());
        events.publishEvent(SessionEvents.rated(rated));
    }

    /** The admin who took the session on (not one who closed a pending session) has just received work. */
    private void recountHolders(CustomerSession.Change change) {
        Long newHolder = change.holderChanged() && change.after().isOpen() ? change.after().adminId() : null;
        lockAdmins(Stream.of(change.before().adminId(), change.after().adminId()).filter(Objects::nonNull).toList())
                .keySet()
                .forEach(adminId -> admins.recordLoad(adminId, store.countOpenOf(adminId),
                        adminId.equals(newHolder) ? change.at() : null));
    }

    /** An admin's reply {@code messageId} to {@code session}, as the session was when it came. */
    record Reply(CustomerSession session, long adminId, String messageId) {
    }

    private UserProfile profileOf(Long adminId) {
        return adminId == null ? null
                : users.find(adminId).orElseGet(() -> new UserProfile(adminId, null, null, null));
    }

    private static Action action(CustomerSession.Change change) {
        return switch (change.reason()) {
            case ASSIGNED -> Action.ASSIGN;
            case CLAIMED -> Action.CLAIM;
            case TRANSFERRED -> Action.TRANSFER;
            case ADMIN_REPLIED -> Action.REPLY;
            case REQUEUED -> Action.REQUEUE;
            case CLOSED_BY_ADMIN, CLOSED_BY_USER -> Action.CLOSE;
        };
    }

    private static OperatorType operatorType(CustomerSession.Change change) {
        return switch (change.reason()) {
            case ASSIGNED, REQUEUED -> OperatorType.SYSTEM;
            case CLOSED_BY_USER -> OperatorType.USER;
            case CLAIMED, TRANSFERRED, ADMIN_REPLIED, CLOSED_BY_ADMIN -> OperatorType.ADMIN;
        };
    }

    /** The transferring admin gave the session away; every other admin operation leaves the actor holding it. */
    private static Long operatorId(CustomerSession.Change change) {
        return switch (change.reason()) {
            case ASSIGNED, REQUEUED -> null;
            case CLOSED_BY_USER -> change.before().userId();
            case TRANSFERRED -> change.before().adminId();
            case CLAIMED, ADMIN_REPLIED, CLOSED_BY_ADMIN -> change.after().adminId();
        };
    }
}
