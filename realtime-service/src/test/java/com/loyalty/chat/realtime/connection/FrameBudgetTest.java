package com.loyalty.chat.realtime.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.realtime.connection.ConnectionProperties.RateLimit;

class FrameBudgetTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aBurstIsAllowedThenFramesComeBackAtTheSustainedRate() {
        FrameBudget budget = new FrameBudget(new RateLimit(2, 3), 0);

        assertThat(budget.tryTake(0)).isTrue();
        assertThat(budget.tryTake(0)).isTrue();
        assertThat(budget.tryTake(0)).isTrue();
        assertThat(budget.tryTake(0)).isFalse();
        assertThat(budget.tryTake(SECOND / 2)).isTrue();
        assertThat(budget.tryTake(SECOND / 2)).isFalse();
    }

    @Test
    void aQuietSpellRefillsNoMoreThanTheBurst() {
        FrameBudget budget = new FrameBudget(new RateLimit(100, 2), 0);

        long muchLater = 60 * SECOND;
        assertThat(budget.tryTake(muchLater)).isTrue();
        assertThat(budget.tryTake(muchLater)).isTrue();
        assertThat(budget.tryTake(muchLater)).isFalse();
    }
}
