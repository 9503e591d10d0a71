package com.loyalty.chat.gateway.edge;

/** Refills continuously at {@code ratePerSecond} up to {@code capacity}; each request takes one token. */
final class TokenBucket {

    private final double capacity;
    private final double ratePerNano;
    private double tokens;
    private long refilledAtNanos;

    TokenBucket(int capacity, double ratePerSecond, long nowNanos) {
        this.capacity = capacity;
        this.ratePerNano = ratePerSecond / 1_000_000_000d;
        this.tokens = capacity;
        this.refilledAtNanos = nowNanos;
    }

    synchronized boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Seconds until the next token, for {@code Retry-After}. */
    synchronized long secondsUntilNextToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano / 1_000_000_000d);
    }

    synchronized long idleNanos(long nowNanos) {
        return nowNanos - refilledAtNanos;
    }

    private void refill(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - refilledAtNanos) * ratePerNano);
        refilledAtNanos = nowNanos;
    }
}
