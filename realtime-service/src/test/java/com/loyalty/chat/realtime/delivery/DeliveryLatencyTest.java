package com.loyalty.chat.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class DeliveryLatencyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:10Z");

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryLatency latency = new DeliveryLatency(registry, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void recordsFromTheMomentTheMessageWasStored() {
        latency.pushed(NOW.minusMillis(250));

        assertThat(timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
    }

    @Test
    void aMessageStoredAheadOfThisClockCountsAsZero() {
        latency.pushed(NOW.plusMillis(40));

        assertThat(timer().count()).isEqualTo(1);
        assertThat(timer().totalTime(TimeUnit.MILLISECONDS)).isZero();
    }

    private Timer timer() {
        return registry.get("chat.realtime.delivery.latency").timer();
    }
}
