package com.loyalty.chat.bench.connections;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * When a mobile client whose socket was lost tries again, as the storm benchmark's clients do: at once after losing
 * it; after a 503 at the {@code Retry-After} the server asked for plus up to {@code jitterNanos} (so the refused do not
 * come back as one herd); after anything else (no connection, no answer, another status) after an exponential
 * backoff from {@code backoffNanos}, at most {@code maxBackoffNanos}, also jittered.
 */
record ReconnectPolicy(long jitterNanos, long backoffNanos, long maxBackoffNanos) {

    static final ReconnectPolicy MOBILE = new ReconnectPolicy(TimeUnit.SECONDS.toNanos(1),
            TimeUnit.MILLISECONDS.toNanos(250), TimeUnit.SECONDS.toNanos(4));

    /** A refusal the client can act on as the contract says: 503 with a {@code Retry-After} in seconds. */
    static boolean cleanRefusal(int status, String retryAfter) {
        return status == 503 && retryAfterNanos(retryAfter).isPresent();
    }

    /** {@code Retry-After} as delta-seconds (what the gateway and the nodes send); empty when absent or not that. */
    static OptionalLong retryAfterNanos(String retryAfter) {
        if (retryAfter == null || !retryAfter.strip().matches("\\d{1,6}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(TimeUnit.SECONDS.toNanos(Long.parseLong(retryAfter.strip())));
    }

    /** The wait before the next try after a refusal with this status and {@code Retry-After}. */
    long afterRefusal(int status, String retryAfter, int failedAttempts, RandomGenerator random) {
        if (cleanRefusal(status, retryAfter)) {
            return retryAfterNanos(retryAfter).getAsLong() + jitter(jitterNanos, random);
        }
        return afterFailure(failedAttempts, random);
    }

    /**
     * The wait before the next try after {@code failedAttempts} tries in a row came to nothing (1 for the first):
     * the backoff doubles with each, up to the maximum, and up to half of it again as jitter.
     */
    long afterFailure(int failedAttempts, RandomGenerator random) {
        int doublings = Math.clamp(failedAttempts - 1, 0, 30);
        long backoff = Math.min(maxBackoffNanos, backoffNanos << doublings);
        return backoff + jitter(backoff / 2, random);
    }

    private static long jitter(long bound, RandomGenerator random) {
        return bound <= 0 ? 0 : (long) (random.nextDouble() * bound);
    }
}
