package com.loyalty.chat.realtime.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How long a message took from being stored (its event's {@code occurredAt}, message-service's clock) to being
 * handed to this node's connections ({@code chat.realtime.delivery.latency}, a histogram). Across hosts it includes
 * their clock difference; a message that seems to arrive before it was stored counts as zero.
 */
@Component
class DeliveryLatency {

    private final Timer timer;
    private final Clock clock;

    DeliveryLatency(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.timer = Timer.builder("chat.realtime.delivery.latency")
                .description("From a message being stored to its push to the connections on this node")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    void pushed(Instant storedAt) {
        Duration latency = Duration.between(storedAt, clock.instant());
        timer.record(latency.isNegative() ? Duration.ZERO : latency);
    }
}
