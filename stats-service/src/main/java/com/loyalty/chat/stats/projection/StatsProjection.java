package com.loyalty.chat.stats.projection;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

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
    private final ZoneId zone;

    StatsProjection(JdbcClient jdbc, StatsProperties properties) {
        this.jdbc = jdbc;
        this.zone = properties.zone();
    }

    /** Runs inside the caller's transaction: a batch of events commits or rolls back as one. */
    @Transactional(propagation = Propagation.MANDATORY)
    void apply(SessionEvent event) {
        if (!firstDelivery(event.eventId())) {
            return;
        }
        switch (event) {
            case SessionOpened opened -> sessionOpened(opened);
            case SessionStatusChanged changed -> statusChanged(changed);
            case SessionRated rated -> addToDay(day(rated.occurredAt()),
                    rated.adminId() == null ? NO_ADMIN : rated.adminId(), 0, 0, 0, 1, rated.score());
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void apply(MessageEvent event) {
        if (event instanceof MessageStored stored && stored.messageType() != MessageType.SYSTEM
                && firstDelivery(stored.eventId())) {
            messageStored(stored);
        }
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
        return jdbc.sql("DELETE FROM processed_events WHERE processed_at < ?").param(Timestamp.from(cutoff)).update();
    }

    private boolean firstDelivery(String eventId) {
        return jdbc.sql("INSERT IGNORE INTO processed_events (event_id) VALUES (?)").param(eventId).update() == 1;
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

    private void messageStored(MessageStored stored) {
        jdbc.sql("INSERT IGNORE INTO session_facts (session_id) VALUES (?)").param(stored.sessionId()).update();
        LocalDate day = day(stored.occurredAt());
        if (stored.senderType() == SenderType.USER) {
            addToDay(day, stored.sessionAdminId() == null ? NO_ADMIN : stored.sessionAdminId(), 1, 0, 0, 0, 0);
            jdbc.sql("UPDATE session_facts SET awaiting_since = COALESCE(awaiting_since, ?) WHERE session_id = ?")
                    .param(Timestamp.from(stored.occurredAt()))
                    .param(stored.sessionId())
                    .update();
            return;
        }
        long waitedSeconds = awaitingSince(stored.sessionId())
                .map(since -> Math.max(0, Duration.between(since, stored.occurredAt()).toSeconds()))
                .orElse(-1L);
        boolean answersAWaitingUser = waitedSeconds >= 0;
        addToDay(day, stored.senderId(), 1, answersAWaitingUser ? 1 : 0, Math.max(waitedSeconds, 0), 0, 0);
        jdbc.sql("""
                UPDATE session_facts SET awaiting_since = NULL, first_reply_at = COALESCE(first_reply_at, ?)
                WHERE session_id = ?
                """)
                .param(Timestamp.from(stored.occurredAt()))
                .param(stored.sessionId())
                .update();
    }

    private Optional<Instant> awaitingSince(String sessionId) {
        return jdbc.sql("SELECT awaiting_since FROM session_facts WHERE session_id = ? FOR UPDATE")
                .param(sessionId)
                .query((row, index) -> Optional.ofNullable(row.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }

    private void addToDay(LocalDate day, long adminId, int messages, int responses, long responseSeconds,
                          int ratings, int ratingSum) {
        jdbc.sql("""
                INSERT INTO daily_admin_figures (day, admin_id, messages, responses, response_seconds, ratings, rating_sum)
                VALUES (:day, :admin, :messages, :responses, :seconds, :ratings, :ratingSum)
                ON DUPLICATE KEY UPDATE
                    messages = messages + VALUES(messages),
                    responses = responses + VALUES(responses),
                    response_seconds = response_seconds + VALUES(response_seconds),
                    ratings = ratings + VALUES(ratings),
                    rating_sum = rating_sum + VALUES(rating_sum)
                """)
                .param("day", day)
                .param("admin", adminId)
                .param("messages", messages)
                .param("responses", responses)
                .param("seconds", responseSeconds)
                .param("ratings", ratings)
                .param("ratingSum", ratingSum)
                .update();
    }

    private LocalDate day(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }
}
