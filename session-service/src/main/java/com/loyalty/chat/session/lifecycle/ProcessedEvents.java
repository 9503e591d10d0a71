package com.loyalty.chat.session.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.chassis.jdbc.FirstDeliveries;

/**
 * Ids of consumed events, so a redelivered event is recognised and skipped. Written in the same transaction as the
 * change the event caused; rows older than any plausible redelivery are purged.
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
     * Records the ids of a batch and answers the events seen for the first time, each id once
     * ({@link FirstDeliveries}). A concurrent first delivery of one of them (another consumer still handling a batch
     * this one took over) holds its key lock, so the insert waits for it and then skips it. Which of the batch's ids
     * were skipped then is unknown, so the batch is refused with {@link AmbiguousRedelivery}; handled again one event
     * at a time, each answer is unambiguous.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    <E> List<E> firstDeliveries(List<E> events, Function<E, String> eventId) {
        FirstDeliveries.Batch<E> batch = FirstDeliveries.record(jdbc, events, eventId, clock.instant());
        if (batch.recordedMeanwhile() == 0) {
            return batch.fresh();
        }
        if (batch.recorded() == 0) {
            return List.of();
        }
        log.info("{} of {} event ids were recorded meanwhile by another consumer; the poll is handled again one "
                + "event at a time", batch.recordedMeanwhile(), batch.fresh().size());
        throw new AmbiguousRedelivery(batch.recordedMeanwhile() + " of " + batch.fresh().size()
                + " event ids were recorded meanwhile by another consumer");
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
