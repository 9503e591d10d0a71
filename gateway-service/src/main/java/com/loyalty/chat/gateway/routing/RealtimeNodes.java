package com.loyalty.chat.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime nodes known now and which of them are left out for a while: a node that answered 503 (full,
 * draining) for its {@code Retry-After}, bounded, and a node that refused the connection for a short while. The
 * others take connections round robin.
 */
class RealtimeNodes {

    private static final Logger log = LoggerFactory.getLogger(RealtimeNodes.class);

    private final Duration maxSkip;
    private final Duration unreachableSkip;
    private final LongSupplier nanoTime;
    private final AtomicInteger turn = new AtomicInteger();
    /** When each node left out may be tried again, in {@link System#nanoTime()}. */
    private final Map<URI, Long> skippedUntil = new ConcurrentHashMap<>();
    private volatile List<URI> nodes;

    RealtimeNodes(List<URI> nodes, Duration maxSkip, Duration unreachableSkip, LongSupplier nanoTime) {
        this.nodes = List.copyOf(nodes);
        this.maxSkip = maxSkip;
        this.unreachableSkip = unreachableSkip;
        this.nanoTime = nanoTime;
    }

    /** Every node known, left out or not. */
    List<URI> all() {
        return nodes;
    }

    void replace(List<URI> current) {
        if (!current.equals(nodes)) {
            log.info("Realtime nodes now {}", current);
            nodes = List.copyOf(current);
            skippedUntil.keySet().retainAll(current);
        }
    }

    /** The nodes to try for one connection, in order: the next in turn first, none that is left out. */
    List<URI> candidates() {
        long now = nanoTime.getAsLong();
        List<URI> open = new ArrayList<>();
        for (URI node : nodes) {
            if (!isSkipped(node, now)) {
                open.add(node);
            }
        }
        if (open.size() < 2) {
            return open;
        }
        int first = Math.floorMod(turn.getAndIncrement(), open.size());
        List<URI> ordered = new ArrayList<>(open.subList(first, open.size()));
        ordered.addAll(open.subList(0, first));
        return ordered;
    }

    /** The node answered 503: left out for what it asked, at least a second and at most {@code maxSkip}. */
    void refused(URI node, Duration retryAfter) {
        Duration skip = retryAfter.compareTo(maxSkip) > 0 ? maxSkip : retryAfter;
        skip(node, skip.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : skip, "answered 503");
    }

    /** The node refused the connection or did not answer the handshake in time. */
    void unreachable(URI node) {
        skip(node, unreachableSkip, "is unreachable");
    }

    /** For a client every node refused: when the first node left out comes back (whole seconds, at least one). */
    Duration retryAfter() {
        long now = nanoTime.getAsLong();
        long soonest = skippedUntil.values().stream().mapToLong(until -> until - now).filter(left -> left > 0)
                .min().orElse(0);
        return Duration.ofSeconds(Math.max(1, (soonest + 999_999_999) / 1_000_000_000));
    }

    private void skip(URI node, Duration skip, String why) {
        long until = nanoTime.getAsLong() + skip.toNanos();
        Long before = skippedUntil.put(node, until);
        if (before == null || before - nanoTime.getAsLong() <= 0) {
            log.info("Realtime node {} {}; left out for {} s", node, why, skip.toSeconds());
        }
    }

    private boolean isSkipped(URI node, long now) {
        Long until = skippedUntil.get(node);
        if (until == null) {
            return false;
        }
        if (until - now > 0) {
            return true;
        }
        skippedUntil.remove(node, until);
        return false;
    }
}
