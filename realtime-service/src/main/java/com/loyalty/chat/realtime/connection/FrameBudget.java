package com.loyalty.chat.realtime.connection;

import com.loyalty.chat.realtime.connection.ConnectionProperties.RateLimit;

/**
 * One connection's token bucket: it holds up to {@code burst} frames and refills at {@code framesPerSecond}. Frames
 * of one connection are read one at a time, so the lock is never contended.
 */
final class FrameBudget {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double framesPerNano;
    private final double burst;
    private double tokens;
    private long refilledAt;

    FrameBudget(RateLimit limit, long nowNanos) {
        this.framesPerNano = limit.framesPerSecond() / NANOS_PER_SECOND;
        this.burst = limit.burst();
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    synchronized boolean tryTake(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - refilledAt) * framesPerNano);
        refilledAt = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
