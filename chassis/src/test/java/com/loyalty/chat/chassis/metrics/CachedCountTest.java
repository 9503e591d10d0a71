package com.loyalty.chat.chassis.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CachedCountTest {

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger queries = new AtomicInteger();

    @Test
    void scrapesWithinTheMaximumAgeShareOneQuery() {
        CachedCount count = new CachedCount(() -> 10L * queries.incrementAndGet(), Duration.ofSeconds(10), clock);

        assertThat(count.value()).isEqualTo(10);
        clock.advance(Duration.ofSeconds(9));
        assertThat(count.value()).isEqualTo(10);
        clock.advance(Duration.ofSeconds(1));
        assertThat(count.value()).isEqualTo(20);
        assertThat(queries).hasValue(2);
    }

    @Test
    void aFailedQueryKeepsTheLastCount() {
        CachedCount count = new CachedCount(() -> {
            if (queries.incrementAndGet() > 1) {
                throw new IllegalStateException("database away");
            }
            return 7;
        }, Duration.ofSeconds(10), clock);

        assertThat(count.value()).isEqualTo(7);
        clock.advance(Duration.ofSeconds(10));
        assertThat(count.value()).isEqualTo(7);
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
