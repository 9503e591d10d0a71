package com.loyalty.chat.realtime.connection;

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
 * The frames on their way to one client, in the order they were offered. {@link #offer} never blocks and no thread
 * waits on a socket: the writer hands the socket a batch and carries on with the next one when the socket says it took
 * it, so neither Kafka listener threads nor other connections wait on a slow client, and a connection costs no thread
 * while it writes. A client that lets too many bytes queue up, or whose socket takes too long to accept a frame, is
 * closed.
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
 * <p>A socket that does not take a batch is noticed when the next frame or ping is offered: past the send time limit
 * the client is closed as too slow. The liveness pings make sure that happens even when nothing else is sent.
 *
 * <p>Spring's servlet {@code ConcurrentWebSocketSessionDecorator} bounds a session the same way, but the thread that offers
 * a frame while no write is in flight does the write itself; a Kafka listener would then block on the socket.
 */
final class ConnectionWriter {

    static final CloseStatus SLOW_CONSUMER = CloseStatus.SERVICE_OVERLOAD.withReason("client too slow to keep up");
    /** A write failed for another reason than time: the socket is broken. Spring's servlet code for it, as before. */
    static final CloseStatus SESSION_NOT_RELIABLE = new CloseStatus(4500);

    private static final Logger log = LoggerFactory.getLogger(ConnectionWriter.class);
    private static final ThreadFactory CLOSERS = Thread.ofVirtual().name("ws-closer-", 0).factory();
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
            CLOSERS.newThread(() -> closeSession(status)).start();
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
            drain();
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

    /**
     * One drainer at a time; the re-check after releasing catches a frame offered while it was letting go. Runs until
     * the socket is busy with a batch, and carries on when the socket says it took it. A batch the socket took at once
     * (written from its own event loop into a socket with room) is followed in this loop, not in a deeper call.
     */
    private void drain() {
        while (!closed.get()) {
            List<Outgoing> batch = nextBatch();
            if (batch.isEmpty()) {
                draining.set(false);
                if (closed.get() || !hasWork() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            CompletableFuture<Void> taken = write(batch);
            if (!taken.isDone()) {
                taken.whenComplete((ignored, failure) -> {
                    if (written(batch, failure)) {
                        drain();
                    }
                });
                return;
            }
            if (!written(batch, taken.isCompletedExceptionally() ? taken.exceptionNow() : null)) {
                return;
            }
        }
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

    private CompletableFuture<Void> write(List<Outgoing> batch) {
        List<byte[]> texts = new ArrayList<>(batch.size());
        for (Outgoing outgoing : batch) {
            if (outgoing.frame() != null) {
                texts.add(outgoing.frame().payload());
            }
        }
        writeStartedNanos = System.nanoTime();
        try {
            return socket.send(texts, batch.getLast().frame() == null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** @return true when the writer may go on with the next batch */
    private boolean written(List<Outgoing> batch, @Nullable Throwable failure) {
        writeStartedNanos = NOT_WRITING;
        if (failure != null) {
            log.debug("Write to {} failed; closing", socket.id(), failure);
            close(SESSION_NOT_RELIABLE);
            return false;
        }
        for (Outgoing outgoing : batch) {
            if (outgoing.frame() != null) {
                tally.sent();
            }
        }
        Runnable afterWritten = batch.getLast().afterWritten();
        if (afterWritten != null) {
            try {
                afterWritten.run();
            } catch (RuntimeException e) {
                log.warn("After writing to {}", socket.id(), e);
            }
        }
        return true;
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
