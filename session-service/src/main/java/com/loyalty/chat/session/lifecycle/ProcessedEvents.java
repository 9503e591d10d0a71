package com.loyalty.chat.session.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ids of consumed events, so a redelivered event is recognised and skipped. Written in the same transaction as the
 * change the event caused; rows older than any plausible redelivery are purged.
 *
 * <p>{@code event_id} is {@code utf8mb4_bin}, a PAD SPACE collation: ids differing only in trailing spaces are one id
 * to the database, so they are one id here too ({@link #key}).
 */
@Component
class ProcessedEvents {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEvents.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    ProcessedEvents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the ids of a batch (distinct by {@link #key}) and answers those seen for the first time, in two
     * statements: the ids already recorded, then one insert of the others. A concurrent first delivery of one of them
     * (another consumer still handling a batch this one took over) holds its key lock, so the insert waits for it and
     * then skips it. Which of the batch's ids were skipped then is unknown, so the batch is refused with
     * {@link AmbiguousRedelivery}; handled again one event at a time, each answer is unambiguous.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Set<String> firstDeliveries(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        Set<String> known = new HashSet<>();
        jdbc.sql("SELECT event_id FROM processed_events WHERE event_id IN (:eventIds)")
                .param("eventIds", eventIds)
                .query(String.class)
                .list()
                .forEach(eventId -> known.add(key(eventId)));
        List<String> fresh = eventIds.stream().filter(eventId -> !known.contains(key(eventId))).toList();
        if (fresh.isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        int inserted = jdbc.sql("INSERT IGNORE INTO processed_events (event_id, processed_at) VALUES :rows")
                .param("rows", fresh.stream().map(eventId -> new Object[] {eventId, now}).toList())
                .update();
        if (inserted == fresh.size()) {
            return Set.copyOf(fresh);
        }
        if (inserted == 0) {
            return Set.of();
        }
        log.info("{} of {} event ids were recorded meanwhile by another consumer; the poll is handled again one "
                + "event at a time", fresh.size() - inserted, fresh.size());
        throw new AmbiguousRedelivery(fresh.size() - inserted + " of " + fresh.size()
                + " event ids were recorded meanwhile by another consumer");
    }

    /** The id as the database compares it: trailing spaces do not count. */
    static String key(String eventId) {
        return eventId.endsWith(" ") ? eventId.replaceAll(" +$", "") : eventId;
    }

    @Transactional
    int purgeOlderThan(Duration retention) {
        return jdbc.sql("DELETE FROM processed_events WHERE processed_at < :cutoff")
                .param("cutoff", clock.instant().minus(retention))
                .update();
    }

    /** Not a poison record: the batch is to be handled again one event at a time, which resolves it. */
    static final class AmbiguousRedelivery extends RuntimeException {

        AmbiguousRedelivery(String message) {
            super(message);
        }
    }
}
