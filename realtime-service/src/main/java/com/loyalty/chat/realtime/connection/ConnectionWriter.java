package com.loyalty.chat.realtime.connection;

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The frames on their way to one client, in the order they were offered. {@link #offer} never blocks: a virtual
 * thread writes to the socket, so neither Kafka listener threads nor other connections wait on a slow client. A
 * client that lets too many bytes queue up, or whose socket takes too long to accept a frame, is closed.
 *
 * <p>While a greeting is pending ({@link #holdForGreeting}), offered frames wait and only greeting frames are
 * written, so what a new client must hear first (who it is, what it missed) comes before any live event, even one
 * routed to it while the greeting was still being put together. Pings skip the queue as greeting frames do: they ask
 * whether the client is there, not whether it has caught up.
 *
 * <p>Spring's {@code ConcurrentWebSocketSessionDecorator} bounds a session the same way, but the thread that offers
 * a frame while no write is in flight does the write itself; a Kafka listener would then block on the socket.
 */
final class ConnectionWriter {

    static final CloseStatus SLOW_CONSUMER = CloseStatus.SERVICE_OVERLOAD.withReason("client too slow to keep up");

    private static final Logger log = LoggerFactory.getLogger(ConnectionWriter.class);
    private static final ThreadFactory WRITERS = Thread.ofVirtual().name("ws-writer-", 0).factory();
    private static final long NOT_WRITING = Long.MIN_VALUE;

    /** A frame, and what to do once the socket has taken it (null for nothing). */
    private record Outgoing(WebSocketMessage<?> message, Runnable afterWritten) {
    }

    private final WebSocketSession session;
    private final long bufferLimitBytes;
    private final long sendTimeLimitNanos;
    /** Greeting frames and pings, written before anything in {@link #queue}. */
    private final Queue<Outgoing> ahead = new ConcurrentLinkedQueue<>();
    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> discarded = new CompletableFuture<>();
    private final CompletableFuture<Void> sessionClosed = new CompletableFuture<>();
    private volatile boolean greeted = true;
    private volatile boolean finishing;
    private volatile long writeStartedNanos = NOT_WRITING;

    private final NodeBuffers nodeBuffers;
    private final FrameTally tally;

    ConnectionWriter(WebSocketSession session, long bufferLimitBytes, Duration sendTimeLimit) {
        this(session, bufferLimitBytes, sendTimeLimit, NodeBuffers.UNLIMITED);
    }

    ConnectionWriter(WebSocketSession session, long bufferLimitBytes, Duration sendTimeLimit, NodeBuffers nodeBuffers) {
        this(session, bufferLimitBytes, sendTimeLimit, nodeBuffers, FrameTally.NONE);
    }

    ConnectionWriter(WebSocketSession session, long bufferLimitBytes, Duration sendTimeLimit, NodeBuffers nodeBuffers,
           FrameTally tally) {
        this.tally = tally;
        this.nodeBuffers = nodeBuffers;
        this.session = session;
        this.bufferLimitBytes = bufferLimitBytes;
        this.sendTimeLimitNanos = sendTimeLimit.toNanos();
    }

    /** Until {@link #greeted()}, only frames passed to {@link #greet} are written. */
    void holdForGreeting() {
        greeted = false;
    }

    /**
     * @return completes once the socket has taken the frame, or once this writer has let go of it with the
     *         connection; a greeting waits on it to hand over a large greeting one frame at a time
     */
    CompletableFuture<Void> greet(TextMessage message) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        enqueue(ahead, new Outgoing(message, () -> written.complete(null)));
        return written.applyToEither(discarded, ignored -> null);
    }

    void greeted() {
        greeted = true;
        startDraining();
    }

    void offer(TextMessage message) {
        enqueue(queue, new Outgoing(message, null));
    }

    /** A WebSocket ping, ahead of queued frames; the client's pong says it is still there. */
    void ping() {
        enqueue(ahead, new Outgoing(new PingMessage(), null));
    }

    /**
     * Writes this frame after those already queued and then closes the session; frames offered meanwhile are
     * dropped. Only the first call counts.
     */
    void closeAfter(TextMessage last, CloseStatus status) {
        if (finishing) {
            return;
        }
        finishing = true;
        enqueue(queue, new Outgoing(last, () -> close(status)));
    }

    /**
     * Closes the session without waiting; a write in flight may hold the socket for a while.
     *
     * @return completes once the container has closed the session, or at once if this writer was closed before
     */
    CompletableFuture<Void> close(CloseStatus status) {
        if (discard()) {
            WRITERS.newThread(() -> closeSession(status)).start();
            return sessionClosed;
        }
        return CompletableFuture.completedFuture(null);
    }

    /** True once the session is closed or on its way there, whether it still writes a last frame or not. */
    boolean closing() {
        return finishing || closed.get();
    }

    /** Stops all writing and drops what is queued; true the first time. */
    boolean discard() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        ahead.clear();
        queue.clear();
        nodeBuffers.release(queuedBytes.getAndSet(0));
        discarded.complete(null);
        return true;
    }

    private void enqueue(Queue<Outgoing> target, Outgoing outgoing) {
        if (closed.get()) {
            return;
        }
        target.add(outgoing);
        int length = outgoing.message().getPayloadLength();
        long queued = queuedBytes.addAndGet(length);
        nodeBuffers.add(length);
        if (closed.get()) {
            // Discarded meanwhile: what discard() let go of may not have included this frame.
            release(length);
            return;
        }
        if (queued > bufferLimitBytes || writeIsStuck() || nodeBuffers.overShare(queued)) {
            log.info("Closing session {} as too slow: {} bytes queued, a write in flight for {} ms", session.getId(),
                    queued, writeInFlightMillis());
            tally.closedAsSlow();
            close(SLOW_CONSUMER);
            return;
        }
        startDraining();
    }

    /** Never below zero: discard() may have let go of everything already. */
    private void release(long length) {
        long before = queuedBytes.getAndUpdate(queued -> Math.max(0, queued - length));
        nodeBuffers.release(before - Math.max(0, before - length));
    }

    private void startDraining() {
        if (hasWork() && draining.compareAndSet(false, true)) {
            WRITERS.newThread(this::drain).start();
        }
    }

    private boolean hasWork() {
        return !ahead.isEmpty() || greeted && !queue.isEmpty();
    }

    /** Greeting frames first; every greeting frame is offered before {@link #greeted()}, so none can come late. */
    private Outgoing next() {
        Outgoing next = ahead.poll();
        return next != null || !greeted ? next : queue.poll();
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
            Outgoing next;
            while (!closed.get() && (next = next()) != null) {
                release(next.message().getPayloadLength());
                write(next);
            }
            draining.set(false);
        } while (!closed.get() && hasWork() && draining.compareAndSet(false, true));
    }

    private void write(Outgoing outgoing) {
        long started = System.nanoTime();
        writeStartedNanos = started;
        try {
            session.sendMessage(outgoing.message());
        } catch (IOException | RuntimeException e) {
            // The container gives up on a blocked write after the send time limit: that client is too slow.
            boolean timedOut = System.nanoTime() - started >= sendTimeLimitNanos;
            log.debug("Write to {} failed{}; closing", session.getId(), timedOut ? " after the send time limit" : "", e);
            if (timedOut) {
                tally.closedAsSlow();
            }
            close(timedOut ? SLOW_CONSUMER : CloseStatus.SESSION_NOT_RELIABLE);
            return;
        } finally {
            writeStartedNanos = NOT_WRITING;
        }
        if (outgoing.message() instanceof TextMessage) {
            tally.sent();
        }
        if (outgoing.afterWritten() != null) {
            try {
                outgoing.afterWritten().run();
            } catch (RuntimeException e) {
                log.warn("After writing to {}", session.getId(), e);
            }
        }
    }

    private void closeSession(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing {} failed", session.getId(), e);
        } finally {
            sessionClosed.complete(null);
        }
    }
}
