package com.loyalty.chat.realtime.connection;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.socket.CloseStatus;

import com.loyalty.chat.realtime.protocol.EncodedFrame;

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
 * <p>What queued while the socket took the last frames goes in one batch (up to {@value #BATCH_FRAMES} frames or
 * {@value #BATCH_BYTES} bytes, one flush, one wake-up of the writer): a connection that receives a thousand frames a
 * second (an admin's) would otherwise need a round trip through its event loop per frame, and fall behind on a busy
 * node. A ping, or a frame with something to do once written (a greeting part, a closing frame), ends a batch.
 *
 * <p>Spring's servlet {@code ConcurrentWebSocketSessionDecorator} bounds a session the same way, but the thread that offers
 * a frame while no write is in flight does the write itself; a Kafka listener would then block on the socket.
 */
final class ConnectionWriter {

    static final CloseStatus SLOW_CONSUMER = CloseStatus.SERVICE_OVERLOAD.withReason("client too slow to keep up");
    /** A write failed for another reason than time: the socket is broken. Spring's servlet code for it, as before. */
    static final CloseStatus SESSION_NOT_RELIABLE = new CloseStatus(4500);

    private static final Logger log = LoggerFactory.getLogger(ConnectionWriter.class);
    private static final ThreadFactory WRITERS = Thread.ofVirtual().name("ws-writer-", 0).factory();
    private static final long NOT_WRITING = Long.MIN_VALUE;
    static final int BATCH_FRAMES = 64;
    static final int BATCH_BYTES = 64 * 1024;

    /** A frame (null for a ping), and what to do once the socket has taken it (null for nothing). */
    private record Outgoing(@Nullable EncodedFrame frame, @Nullable Runnable afterWritten) {

        int length() {
            return frame == null ? 0 : frame.length();
        }
    }

    private final ClientSocket socket;
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

    ConnectionWriter(ClientSocket socket, long bufferLimitBytes, Duration sendTimeLimit) {
        this(socket, bufferLimitBytes, sendTimeLimit, NodeBuffers.UNLIMITED);
    }

    ConnectionWriter(ClientSocket socket, long bufferLimitBytes, Duration sendTimeLimit, NodeBuffers nodeBuffers) {
        this(socket, bufferLimitBytes, sendTimeLimit, nodeBuffers, FrameTally.NONE);
    }

    ConnectionWriter(ClientSocket socket, long bufferLimitBytes, Duration sendTimeLimit, NodeBuffers nodeBuffers,
           FrameTally tally) {
        this.tally = tally;
        this.nodeBuffers = nodeBuffers;
        this.socket = socket;
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
    CompletableFuture<Void> greet(EncodedFrame message) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        enqueue(ahead, new Outgoing(message, () -> written.complete(null)));
        return written.applyToEither(discarded, ignored -> null);
    }

    void greeted() {
        greeted = true;
        startDraining();
    }

    void offer(EncodedFrame message) {
        enqueue(queue, new Outgoing(message, null));
    }

    /** A WebSocket ping, ahead of queued frames; the client's pong says it is still there. */
    void ping() {
        enqueue(ahead, new Outgoing(null, null));
    }

    /**
     * Writes this frame after those already queued and then closes the session; frames offered meanwhile are
     * dropped. Only the first call counts.
     */
    void closeAfter(EncodedFrame last, CloseStatus status) {
        if (finishing) {
            return;
        }
        finishing = true;
        enqueue(queue, new Outgoing(last, () -> close(status)));
    }

    /**
     * Closes the session without waiting; a write in flight may hold the socket for a while.
     *
     * @return completes once the socket is closed, or at once if this writer was closed before
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
        int length = outgoing.length();
        long queued = queuedBytes.addAndGet(length);
        nodeBuffers.add(length);
        if (closed.get()) {
            // Discarded meanwhile: what discard() let go of may not have included this frame.
            release(length);
            return;
        }
        if (queued > bufferLimitBytes || writeIsStuck() || nodeBuffers.overShare(queued)) {
            log.info("Closing session {} as too slow: {} bytes queued, a write in flight for {} ms", socket.id(),
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
            List<Outgoing> batch;
            while (!closed.get() && !(batch = nextBatch()).isEmpty()) {
                write(batch);
            }
            draining.set(false);
        } while (!closed.get() && hasWork() && draining.compareAndSet(false, true));
    }

    /** Text frames in order; only the last may be a ping or have something to do once written. */
    private List<Outgoing> nextBatch() {
        List<Outgoing> batch = new ArrayList<>(4);
        int bytes = 0;
        Outgoing next;
        while (batch.size() < BATCH_FRAMES && bytes < BATCH_BYTES && (next = next()) != null) {
            release(next.length());
            batch.add(next);
            bytes += next.length();
            if (next.frame() == null || next.afterWritten() != null) {
                break;
            }
        }
        return batch;
    }

    private void write(List<Outgoing> batch) {
        Outgoing last = batch.getLast();
        List<byte[]> texts = new ArrayList<>(batch.size());
        for (Outgoing outgoing : batch) {
            if (outgoing.frame() != null) {
                texts.add(outgoing.frame().payload());
            }
        }
        long started = System.nanoTime();
        writeStartedNanos = started;
        try {
            if (texts.size() == 1) {
                socket.sendText(texts.getFirst());
            } else if (!texts.isEmpty()) {
                socket.sendTexts(texts);
            }
            if (last.frame() == null) {
                socket.sendPing();
            }
        } catch (IOException | RuntimeException e) {
            // The socket gives up on a blocked write after the send time limit: that client is too slow.
            boolean timedOut = System.nanoTime() - started >= sendTimeLimitNanos;
            log.debug("Write to {} failed{}; closing", socket.id(), timedOut ? " after the send time limit" : "", e);
            if (timedOut) {
                tally.closedAsSlow();
            }
            close(timedOut ? SLOW_CONSUMER : SESSION_NOT_RELIABLE);
            return;
        } finally {
            writeStartedNanos = NOT_WRITING;
        }
        for (int i = 0; i < texts.size(); i++) {
            tally.sent();
        }
        if (last.afterWritten() != null) {
            try {
                last.afterWritten().run();
            } catch (RuntimeException e) {
                log.warn("After writing to {}", socket.id(), e);
            }
        }
    }

    private void closeSession(CloseStatus status) {
        try {
            socket.close(status);
        } catch (RuntimeException e) {
            log.debug("Closing {} failed", socket.id(), e);
        } finally {
            sessionClosed.complete(null);
        }
    }
}
