package com.loyalty.chat.bench.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    private static final RandomGenerator NO_JITTER = () -> 0L;
    /** nextDouble() just below 1: the most jitter there is. */
    private static final RandomGenerator FULL_JITTER = () -> -1L;
    private static final ReconnectPolicy POLICY = ReconnectPolicy.MOBILE;

    @Test
    void aRefusalWith503WaitsItsRetryAfterPlusUpToOneSecondOfJitter() {
        assertThat(POLICY.afterRefusal(503, "3", 1, NO_JITTER)).isEqualTo(TimeUnit.SECONDS.toNanos(3));
        assertThat(POLICY.afterRefusal(503, "3", 1, FULL_JITTER))
                .isStrictlyBetween(TimeUnit.MILLISECONDS.toNanos(3_990), TimeUnit.SECONDS.toNanos(4));
    }

    @Test
    void theRetryAfterIsHonouredWhateverTheAttempt() {
        assertThat(POLICY.afterRefusal(503, "2", 7, NO_JITTER)).isEqualTo(TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void aFailureBacksOffExponentiallyUpToTheMaximum() {
        assertThat(POLICY.afterFailure(1, NO_JITTER)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        assertThat(POLICY.afterFailure(2, NO_JITTER)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(POLICY.afterFailure(3, NO_JITTER)).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(POLICY.afterFailure(6, NO_JITTER)).isEqualTo(TimeUnit.SECONDS.toNanos(4));
        assertThat(POLICY.afterFailure(40, NO_JITTER)).isEqualTo(TimeUnit.SECONDS.toNanos(4));
    }

    @Test
    void aFailureAddsUpToHalfItsBackoffAsJitter() {
        assertThat(POLICY.afterFailure(1, FULL_JITTER))
                .isStrictlyBetween(TimeUnit.MILLISECONDS.toNanos(370), TimeUnit.MILLISECONDS.toNanos(375));
    }

    @Test
    void a503WithoutRetryAfterIsNotCleanAndBacksOffLikeAFailure() {
        assertThat(ReconnectPolicy.cleanRefusal(503, null)).isFalse();
        assertThat(POLICY.afterRefusal(503, null, 2, NO_JITTER)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void otherStatusesAndUnreadableRetryAftersAreNotClean() {
        assertThat(ReconnectPolicy.cleanRefusal(503, "2")).isTrue();
        assertThat(ReconnectPolicy.cleanRefusal(503, " 2 ")).isTrue();
        assertThat(ReconnectPolicy.cleanRefusal(502, "2")).isFalse();
        assertThat(ReconnectPolicy.cleanRefusal(401, null)).isFalse();
        assertThat(ReconnectPolicy.cleanRefusal(503, "Fri, 27 Nov 2026 18:00:00 GMT")).isFalse();
        assertThat(ReconnectPolicy.cleanRefusal(503, "-1")).isFalse();
    }
}
