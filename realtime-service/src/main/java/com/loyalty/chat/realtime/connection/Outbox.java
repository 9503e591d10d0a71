package com.loyalty.chat.realtime.connection;

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The frames on their way to one client, in the order they were offered. {@link #offer} never blocks: a virtual
 * thread writes to the socket, so neither Kafka listener threads nor other connections wait on a slow client. A
 * client that lets too many bytes queue up, or whose socket takes too long to accept a frame, is closed.
 *
 * <p>Spring's {@code ConcurrentWebSocketSessionDecorator} bounds a session the same way, but the thread that offers
 * a frame while no write is in flight does the write itself; a Kafka listener would then block on the socket.
 */
final class Outbox {

    static final CloseStatus SLOW_CONSUMER = CloseStatus.SERVICE_OVERLOAD.withReason("client too slow to keep up");

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final ThreadFactory WRITERS = Thread.ofVirtual().name("ws-writer-", 0).factory();
    private static final long NOT_WRITING = Long.MIN_VALUE;

    private final WebSocketSession session;
    private final long bufferLimitBytes;
    private final long sendTimeLimitNanos;
    private final Queue<TextMessage> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long writeStartedNanos = NOT_WRITING;

    Outbox(WebSocketSession session, long bufferLimitBytes, Duration sendTimeLimit) {
        this.session = session;
        this.bufferLimitBytes = bufferLimitBytes;
        this.sendTimeLimitNanos = sendTimeLimit.toNanos();
    }

    void offer(TextMessage message) {
        if (closed.get()) {
            return;
        }
        queue.add(message);
        long queued = queuedBytes.addAndGet(message.getPayloadLength());
        if (queued > bufferLimitBytes || writeIsStuck()) {
            log.info("Closing session {} as too slow: {} bytes queued, a write in flight for {} ms", session.getId(),
                    queued, writeInFlightMillis());
            close(SLOW_CONSUMER);
            return;
        }
        if (draining.compareAndSet(false, true)) {
            WRITERS.newThread(this::drain).start();
        }
    }

    /** Closes the session without waiting; a write in flight may hold the socket for a while. */
    void close(CloseStatus status) {
        if (discard()) {
            WRITERS.newThread(() -> closeSession(status)).start();
        }
    }

    /** Stops all writing and drops what is queued; true the first time. */
    boolean discard() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        queue.clear();
        queuedBytes.set(0);
        return true;
    }

    private boolean writeIsStuck() {
        long started = writeStartedNanos;
        return started != NOT_WRITING && System.nanoTime() - started > sendTimeLimitNanos;
    }

    private long writeInFlightMillis() {
        long started = writeStartedNanos;
        return started == NOT_WRITING ? 0 : Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    /** One drainer at a time; the re-check after releasing catches a frame offered while it was letting go. */
    private void drain() {
        do {
            TextMessage next;
            while (!closed.get() && (next = queue.poll()) != null) {
                queuedBytes.addAndGet(-next.getPayloadLength());
                write(next);
            }
            draining.set(false);
        } while (!closed.get() && !queue.isEmpty() && draining.compareAndSet(false, true));
    }

    private void write(TextMessage message) {
        writeStartedNanos = System.nanoTime();
        try {
            session.sendMessage(message);
        } catch (IOException | RuntimeException e) {
            log.debug("Write to {} failed; closing", session.getId(), e);
            close(CloseStatus.SESSION_NOT_RELIABLE);
        } finally {
            writeStartedNanos = NOT_WRITING;
        }
    }

    private void closeSession(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing {} failed", session.getId(), e);
        }
    }
}
