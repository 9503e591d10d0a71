package com.loyalty.chat.chassis.outbox;

import java.time.Duration;

import org.springframework.jdbc.core.JdbcTemplate;

import com.loyalty.chat.chassis.metrics.CachedCount;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The outbox's rows not yet acknowledged by Kafka ({@code chat.outbox.backlog}): near zero while the relay keeps up,
 * growing while the broker is away. Counted at most every 10 s, as a count of a large backlog is a scan.
 */
class OutboxBacklog implements MeterBinder {

    private static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;

    OutboxBacklog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CachedCount.register(registry, "chat.outbox.backlog", "Outbox rows not yet acknowledged by Kafka", MAX_AGE,
                () -> jdbc.queryForObject("SELECT COUNT(*) FROM outbox", Long.class));
    }
}
