package com.loyalty.chat.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long START = 1_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private static void drain(TokenBucket bucket, int tokens, long now) {
        for (int i = 0; i < tokens; i++) {
            assertThat(bucket.tryTake(now)).as("take %d of %d", i + 1, tokens).isTrue();
        }
    }

    @Test
    void aNewBucketAllowsABurstUpToItsCapacityAtOnce() {
        TokenBucket bucket = new TokenBucket(5, 1, START);

        drain(bucket, 5, START);
    }

    @Test
    void refusesTheRequestPastItsCapacity() {
        TokenBucket bucket = new TokenBucket(5, 1, START);
        drain(bucket, 5, START);

        assertThat(bucket.tryTake(START)).isFalse();
    }

    @Test
    void aRefusedRequestTakesNoToken() {
        TokenBucket bucket = new TokenBucket(1, 1, START);
        drain(bucket, 1, START);
        assertThat(bucket.tryTake(START)).isFalse();
        assertThat(bucket.tryTake(START + SECOND / 2)).isFalse();

        assertThat(bucket.tryTake(START + SECOND)).isTrue();
    }

    @Test
    void refillsOneTokenPerOneOverItsRate() {
        TokenBucket bucket = new TokenBucket(10, 4, START);
        drain(bucket, 10, START);

        assertThat(bucket.tryTake(START + SECOND / 4 - 1)).isFalse();
        assertThat(bucket.tryTake(START + SECOND / 4)).isTrue();
        assertThat(bucket.tryTake(START + SECOND / 4)).isFalse();
    }

    @Test
    void refillsContinuouslyWithFractionsAddingUp() {
        TokenBucket bucket = new TokenBucket(3, 2, START);
        drain(bucket, 3, START);

        assertThat(bucket.tryTake(START + SECOND / 4)).isFalse();
        assertThat(bucket.tryTake(START + SECOND / 2)).isTrue();
    }

    @Test
    void refillsNoFurtherThanItsCapacityAfterALongIdle() {
        TokenBucket bucket = new TokenBucket(3, 10, START);
        drain(bucket, 3, START);

        long later = START + 3600 * SECOND;
        drain(bucket, 3, later);
        assertThat(bucket.tryTake(later)).isFalse();
    }

    @Test
    void secondsUntilNextTokenIsZeroWhileATokenIsLeft() {
        TokenBucket bucket = new TokenBucket(5, 1, START);
        drain(bucket, 1, START);

        assertThat(bucket.secondsUntilNextToken(START)).isZero();
    }

    @Test
    void secondsUntilNextTokenRoundsUpToWholeSeconds() {
        TokenBucket bucket = new TokenBucket(1, 0.4, START);
        drain(bucket, 1, START);

        assertThat(bucket.secondsUntilNextToken(START)).isEqualTo(3);
        assertThat(bucket.secondsUntilNextToken(START + 2 * SECOND)).isEqualTo(1);
    }

    @Test
    void secondsUntilNextTokenIsAtLeastOneWhenEmpty() {
        TokenBucket bucket = new TokenBucket(1, 1000, START);
        drain(bucket, 1, START);

        assertThat(bucket.secondsUntilNextToken(START)).isEqualTo(1);
    }

    @Test
    void idleNanosCountFromTheLastRequest() {
        TokenBucket bucket = new TokenBucket(2, 1, START);
        bucket.tryTake(START + 5 * SECOND);

        assertThat(bucket.idleNanos(START + 7 * SECOND)).isEqualTo(2 * SECOND);
    }

    @Test
    void idleNanosCountFromCreationBeforeAnyRequest() {
        TokenBucket bucket = new TokenBucket(2, 1, START);

        assertThat(bucket.idleNanos(START + 3 * SECOND)).isEqualTo(3 * SECOND);
    }
}
