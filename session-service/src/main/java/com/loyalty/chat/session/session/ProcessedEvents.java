package com.loyalty.chat.session.session;

import java.time.Clock;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ids of consumed events, so a redelivered event is recognised and skipped. Written in the same transaction as the
 * change the event caused; rows older than any plausible redelivery are purged.
 */
@Component
class ProcessedEvents {

    private final JdbcClient jdbc;
    private final Clock clock;

    ProcessedEvents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * True the first time an event id is seen. A concurrent first delivery holds the key lock, so this waits for it
     * and answers false once it commits.
     */
    boolean firstDelivery(String eventId) {
        return jdbc.sql("INSERT IGNORE INTO processed_events (event_id, processed_at) VALUES (:eventId, :now)")
                .param("eventId", eventId)
                .param("now", clock.instant())
                .update() == 1;
    }

    int purgeOlderThan(Duration retention) {
        return jdbc.sql("DELETE FROM processed_events WHERE processed_at < :cutoff")
                .param("cutoff", clock.instant().minus(retention))
                .update();
    }
}
