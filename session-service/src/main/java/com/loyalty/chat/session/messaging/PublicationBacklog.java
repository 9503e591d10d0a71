package com.loyalty.chat.session.messaging;

import java.time.Duration;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.loyalty.chat.chassis.metrics.CachedCount;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Events committed but not yet sent to Kafka: Spring Modulith's incomplete publications ({@code chat.outbox.backlog},
 * the name message-service's outbox uses too). Counted at most every 10 s, as a count of a large backlog is a scan.
 */
@Component
class PublicationBacklog implements MeterBinder {

    private static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;

    PublicationBacklog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CachedCount.register(registry, "chat.outbox.backlog", "Event publications not yet sent to Kafka", MAX_AGE,
                () -> jdbc.queryForObject("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NULL",
                        Long.class));
    }
}
