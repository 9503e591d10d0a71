package com.loyalty.chat.realtime.connection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import com.loyalty.chat.realtime.protocol.Dialect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The node's connection meters: connections held per dialect ({@code chat.realtime.connections}, the number its
 * autoscaler watches), frames in and out, and connections closed for reading too slowly. Counted as connections
 * come and go, so a scrape costs nothing however many there are.
 */
@Component
class ConnectionMetrics implements ConnectionListener, FrameTally {

    private final Map<Dialect, AtomicInteger> open = new HashMap<>();
    private final Counter received;
    private final Counter sent;
    private final Counter slowClosed;

    ConnectionMetrics(MeterRegistry registry, List<Dialect> dialects) {
        for (Dialect dialect : dialects) {
            AtomicInteger count = new AtomicInteger();
            open.put(dialect, count);
            Gauge.builder("chat.realtime.connections", count, AtomicInteger::get)
                    .description("WebSocket connections this node holds")
                    .tag("dialect", dialect(dialect))
                    .register(registry);
        }
        received = frames(registry, "in");
        sent = frames(registry, "out");
        slowClosed = Counter.builder("chat.realtime.slow.client.closes")
                .description("Connections closed (1013) because the client did not read its frames fast enough")
                .register(registry);
    }

    /** The endpoint's path without its slash: {@code ws} (v2) or {@code chat} (the original dialect). */
    static String dialect(Dialect dialect) {
        return dialect.path().substring(1);
    }

    @Override
    public void connectionOpened(Connection connection) {
        open.get(connection.dialect()).incrementAndGet();
    }

    @Override
    public void connectionClosed(Connection connection) {
        open.get(connection.dialect()).decrementAndGet();
    }

    @Override
    public void received() {
        received.increment();
    }

    @Override
    public void sent() {
        sent.increment();
    }

    @Override
    public void closedAsSlow() {
        slowClosed.increment();
    }

    private static Counter frames(MeterRegistry registry, String direction) {
        return Counter.builder("chat.realtime.frames")
                .description("WebSocket frames, from clients (in) and to them (out)")
                .tag("direction", direction)
                .register(registry);
    }
}
