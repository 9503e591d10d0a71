package com.loyalty.chat.stats.projection;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.chassis.jdbc.DateTimeColumns;
import com.loyalty.chat.chassis.jdbc.FirstDeliveries;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.SessionEvent.SessionOpened;
import com.loyalty.chat.contracts.events.SessionEvent.SessionRated;
import com.loyalty.chat.contracts.events.SessionEvent.SessionStatusChanged;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.stats.StatsProperties;

/**
 * Folds events into the stats tables. Each event is applied at most once (its id is recorded in the same
 * transaction), and session state only moves forward by {@code sessionVersion}, so redelivery and reordering
 * between the two topics leave the figures unchanged.
 */
@Component
class StatsProjection {

    /** Messages nobody held a session for are counted under this admin id. */
    static final long NO_ADMIN = 0;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final ZoneId zone;

    StatsProjection(JdbcClient jdbc, JdbcTemplate batch, StatsProperties properties) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.zone = properties.zone();
    }

    /**
     * Folds one poll's events, in their order, inside the caller's transaction: the batch commits or rolls back as one.
     * Statements are per batch, not per event: the ids are checked and recorded once, and the per-message work (a
     * session's wait for a reply, the day's counters) is folded in memory and written once per session and per day
     * and admin. Session events stay one by one: they are few, and their rows only move forward by version.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void apply(List<?> events) {
        List<Object> counted = firstDeliveries(events.stream().filter(StatsProjection::counts).toList());
        Figures figures = new Figures();
        List<MessageStored> messages = new ArrayList<>();
        for (Object event : counted) {
            switch (event) {
                case SessionOpened opened -> sessionOpened(opened);
                case SessionStatusChanged changed -> statusChanged(changed);
                case SessionRated rated -> figures.add(day(rated.occurredAt()),
                        rated.adminId() == null ? NO_ADMIN : rated.adminId(), 0, 0, 0, 1, rated.score());
                case MessageStored stored -> messages.add(stored);
                default -> throw new IllegalStateException("not a counted event: " + event);
            }
        }
        if (!messages.isEmpty()) {
            messagesStored(messages, figures);
        }
        figures.write();
    }

    private static boolean counts(Object event) {
        return switch (event) {
            case SessionEvent ignored -> true;
            case MessageStored stored -> stored.messageType() != MessageType.SYSTEM;
            case MessageEvent ignored -> false;
            default -> throw new IllegalStateException("not an event: " + event);
        };
    }

    /**
     * The events not applied before, each once, recorded as applied. A redelivered event was recorded by the
     * transaction that applied it. Another consumer applying the same events right now (during a rebalance) would
     * leave some of the insert ignored: the batch then fails transiently and, retried, finds them recorded.
     */
    private List<Object> firstDeliveries(List<?> events) {
        FirstDeliveries.Batch<Object> batch = FirstDeliveries.record(jdbc, List.copyOf(events),
                StatsProjection::eventId, null);
        if (batch.recordedMeanwhile() > 0) {
            throw new ConcurrencyFailureException(
                    batch.recordedMeanwhile() + " events of this batch were applied concurrently; retrying the batch");
        }
        return batch.fresh();
    }

    private static String eventId(Object event) {
        return switch (event) {
            case SessionEvent sessionEvent -> sessionEvent.eventId();
            case MessageEvent messageEvent -> messageEvent.eventId();
            default -> throw new IllegalStateException("not an event: " + event);
        };
    }

    /** Empties the projection before a replay of the topics. */
    @Transactional
    void reset() {
        jdbc.sql("DELETE FROM processed_events").update();
        jdbc.sql("DELETE FROM session_facts").update();
        jdbc.sql("DELETE FROM daily_admin_figures").update();
    }

    @Transactional
    int forgetEventsProcessedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM processed_events WHERE processed_at < ?").param(DateTimeColumns.value(cutoff))
                .update();
    }

    private void sessionOpened(SessionOpened opened) {
        // Assignments are listed before session_version: MySQL evaluates them left to right on the updated row.
        jdbc.sql("""
                INSERT INTO session_facts (session_id, status, session_version, opened_day)
                VALUES (:id, :status, :version, :day)
                ON DUPLICATE KEY UPDATE
                    opened_day = VALUES(opened_day),
                    status = IF(session_version < VALUES(session_version), VALUES(status), status),
                    session_version = GREATEST(session_version, VALUES(session_version))
                """)
                .param("id", opened.sessionId())
                .param("status", SessionStatus.WAITING.wireName())
                .param("version", opened.sessionVersion())
                .param("day", day(opened.occurredAt()))
                .update();
    }

    private void statusChanged(SessionStatusChanged changed) {
        LocalDate closedDay = changed.newStatus() == SessionStatus.CLOSED ? day(changed.occurredAt()) : null;
        jdbc.sql("""
                INSERT INTO session_facts (session_id, status, admin_id, session_version, closed_day)
                VALUES (:id, :status, :admin, :version, :closedDay)
                ON DUPLICATE KEY UPDATE
                    admin_id = IF(session_version < VALUES(session_version), VALUES(admin_id), admin_id),
                    status = IF(session_version < VALUES(session_version), VALUES(status), status),
                    closed_day = COALESCE(closed_day, VALUES(closed_day)),
                    session_version = GREATEST(session_version, VALUES(session_version))
                """)
                .param("id", changed.sessionId())
                .param("status", changed.newStatus().wireName())
                .param("admin", changed.admin() == null ? null : changed.admin().userId())
                .param("version", changed.sessionVersion())
                .param("closedDay", closedDay)
                .update();
    }

    /**
     * A user's message starts the session's wait for a reply (unless one is running); an admin's ends it, counting as
     * a response when a wait was running. Folded per session in the batch's order, written once per session.
     */
    private void messagesStored(List<MessageStored> messages, Figures figures) {
        Set<String> sessions = new LinkedHashSet<>();
        messages.forEach(stored -> sessions.add(stored.sessionId()));
        jdbc.sql("INSERT IGNORE INTO session_facts (session_id) VALUES "
                        + String.join(", ", Collections.nCopies(sessions.size(), "(?)")))
                .params(List.copyOf(sessions))
                .update();
        Map<String, Wait> waits = new HashMap<>();
        jdbc.sql("SELECT session_id, awaiting_since FROM session_facts WHERE session_id IN (:ids) FOR UPDATE")
                .param("ids", sessions)
                .query((row, index) -> waits.put(row.getString(1),
                        new Wait(DateTimeColumns.instant(row, 2))))
                .list();
        for (MessageStored stored : messages) {
            Wait wait = waits.get(stored.sessionId());
            LocalDate day = day(stored.occurredAt());
            if (stored.senderType() == SenderType.USER) {
                figures.add(day, stored.sessionAdminId() == null ? NO_ADMIN : stored.sessionAdminId(), 1, 0, 0, 0, 0);
                if (wait.since == null) {
                    // As the column keeps it, so a reply in this batch waits as long as one in the next would.
                    wait.since = stored.occurredAt().truncatedTo(ChronoUnit.MILLIS);
                }
                continue;
            }
            long waitedSeconds = wait.since == null ? -1
                    : Math.max(0, Duration.between(wait.since, stored.occurredAt()).toSeconds());
            figures.add(day, stored.senderId(), 1, waitedSeconds >= 0 ? 1 : 0, Math.max(waitedSeconds, 0), 0, 0);
            wait.since = null;
            if (wait.firstReply == null) {
                wait.firstReply = stored.occurredAt();
            }
        }
        List<Object[]> updates = sessions.stream()
                .map(session -> {
                    Wait wait = waits.get(session);
                    return new Object[] {
                            DateTimeColumns.value(wait.since), DateTimeColumns.value(wait.firstReply), session};
                })
                .toList();
        batch.batchUpdate("UPDATE session_facts SET awaiting_since = ?, first_reply_at = COALESCE(first_reply_at, ?) "
                + "WHERE session_id = ?", updates);
    }

    /** A session's wait for a reply while a batch is folded: what its row will hold. */
    private static final class Wait {
        Instant since;
        Instant firstReply;

        Wait(Instant since) {
            this.since = since;
        }
    }

    /** The batch's additions to {@code daily_admin_figures}, summed per day and admin. */
    private final class Figures {

        private final Map<DayAndAdmin, long[]> additions = new LinkedHashMap<>();

        void add(LocalDate day, long adminId, int messages, int responses, long responseSeconds, int ratings,
                 int ratingSum) {
            long[] sums = additions.computeIfAbsent(new DayAndAdmin(day, adminId), key -> new long[5]);
            sums[0] += messages;
            sums[1] += responses;
            sums[2] += responseSeconds;
            sums[3] += ratings;
            sums[4] += ratingSum;
        }

        void write() {
            if (additions.isEmpty()) {
                return;
            }
            List<Object[]> rows = additions.entrySet().stream()
                    .map(entry -> {
                        long[] sums = entry.getValue();
                        return new Object[] {entry.getKey().day(), entry.getKey().adminId(),
                                sums[0], sums[1], sums[2], sums[3], sums[4]};
                    })
                    .toList();
            batch.batchUpdate("""
                    INSERT INTO daily_admin_figures (day, admin_id, messages, responses, response_seconds, ratings, rating_sum)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE
                        messages = messages + VALUES(messages),
                        responses = responses + VALUES(responses),
                        response_seconds = response_seconds + VALUES(response_seconds),
                        ratings = ratings + VALUES(ratings),
                        rating_sum = rating_sum + VALUES(rating_sum)
                    """, rows);
        }
    }

    private record DayAndAdmin(LocalDate day, long adminId) {
    }

    private LocalDate day(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }
}
