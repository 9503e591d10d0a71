package com.loyalty.chat.chassis.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A gauge of a count that costs a query (rows of a backlog table): asked at most once per {@code maxAge}, however
 * often the gauge is scraped, and the last answer kept when the query fails (the database away), so a scrape never
 * waits on a slow count twice in a row nor fails.
 */
public final class CachedCount {

    private static final Logger log = LoggerFactory.getLogger(CachedCount.class);

    private final LongSupplier query;
    private final Clock clock;
    private final long maxAgeMillis;
    private long value = -1;
    private long askedAtMillis = Long.MIN_VALUE;

    CachedCount(LongSupplier query, Duration maxAge, Clock clock) {
        this.query = query;
        this.clock = clock;
        this.maxAgeMillis = maxAge.toMillis();
    }

    /** Registers {@code name} as a gauge of {@code query}'s answer, at most {@code maxAge} old. */
    public static Gauge register(MeterRegistry registry, String name, String description, Duration maxAge,
                                 LongSupplier query) {
        CachedCount count = new CachedCount(query, maxAge, Clock.systemUTC());
        return Gauge.builder(name, count, CachedCount::value).description(description).strongReference(true)
                .register(registry);
    }

    /** The count, asked again once the last answer is older than the maximum age; -1 before any answer. */
    synchronized double value() {
        long now = clock.millis();
        if (askedAtMillis == Long.MIN_VALUE || now - askedAtMillis >= maxAgeMillis) {
            askedAtMillis = now;
            try {
                value = query.getAsLong();
            } catch (RuntimeException e) {
                log.debug("Counting failed; keeping the last count", e);
            }
        }
        return value;
    }
}
