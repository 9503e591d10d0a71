package com.loyalty.chat.realtime.connection;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The bytes this node holds for its clients beyond what the transport holds per connection: frames queued for
 * them ({@link ConnectionWriter}) and the parts of large frames they are still sending ({@link Connection#joinFrame}). Each
 * connection is bounded on its own (the send buffer size, the frame size), but 18,000 connections at their bounds
 * would want gigabytes; this bounds them together. While the node holds more than its limit, a connection holding
 * more than its share (the limit divided among the connections) must let go: it is closed as too slow (1013) when
 * it is a reader that does not keep up, or told to try again later (1013) when it is sending a large frame.
 * Connections within their share go on, so one misbehaving client cannot get well-behaved ones closed.
 */
final class NodeBuffers {

    /** No limit: for a connection writer on its own, in tests. */
    static final NodeBuffers UNLIMITED = new NodeBuffers(Long.MAX_VALUE, () -> 1);

    private final AtomicLong held = new AtomicLong();
    private final long limit;
    private final IntSupplier connections;

    NodeBuffers(long limit, IntSupplier connections) {
        this.limit = limit;
        this.connections = connections;
    }

    void add(long bytes) {
        held.addAndGet(bytes);
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    long held() {
        return held.get();
    }

    /** Whether a connection holding this many bytes must let go of them. */
    boolean overShare(long connectionBytes) {
        return held.get() > limit && connectionBytes > limit / Math.max(1, connections.getAsInt());
    }
}
