package com.loyalty.chat.realtime.connection;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.socket.CloseStatus;

import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.realtime.handshake.ConnectionIdentity;
import com.loyalty.chat.realtime.protocol.FrameCodec;
import com.loyalty.chat.realtime.protocol.Dialect;
import com.loyalty.chat.realtime.protocol.EncodedFrame;
import com.loyalty.chat.realtime.protocol.ServerFrame;

/** One client's WebSocket connection to this node. Safe to use from any thread; sending never blocks. */
public final class Connection {

    private final String id;
    private final ConnectionIdentity identity;
    private final Dialect dialect;
    private final FrameCodec codec;
    private final ConnectionWriter writer;
    private final FrameBudget budget;
    private final NodeBuffers nodeBuffers;
    private final AtomicReference<String> openSessionId = new AtomicReference<>();
    /** When the client last sent a frame of its own; pongs do not count, as they do not keep a connection. */
    private volatile long lastFrameNanos = System.nanoTime();
    /** When the client was last heard at all, pongs included. */
    private volatile long lastHeardNanos = lastFrameNanos;
    private volatile boolean awaitingPong;
    private volatile long pingSentNanos;
    /** The parts of a client frame read so far; null between frames, so most connections hold nothing here. */
    private ByteArrayOutputStream partialFrame;
    /** The size of {@link #partialFrame}, readable without the lock. */
    private volatile long partialFrameBytes;

    Connection(String id, ConnectionIdentity identity, Dialect dialect, FrameCodec codec, ConnectionWriter writer,
               FrameBudget budget, NodeBuffers nodeBuffers) {
        this.nodeBuffers = nodeBuffers;
        this.id = id;
        this.identity = identity;
        this.dialect = dialect;
        this.codec = codec;
        this.writer = writer;
        this.budget = budget;
    }

    public String id() {
        return id;
    }

    public ConnectionIdentity identity() {
        return identity;
    }

    public long userId() {
        return identity.userId();
    }

    public SenderType role() {
        return identity.role();
    }

    /** The dialect of the endpoint this connection came in on; every frame for it is built there. */
    public Dialect dialect() {
        return dialect;
    }

    public void send(ServerFrame frame) {
        writer.offer(codec.encode(frame));
    }

    /** Sends a frame already encoded, so one frame for many connections is encoded once. */
    public void send(EncodedFrame encodedFrame) {
        writer.offer(encodedFrame);
    }

    /**
     * Sends a frame of the greeting, ahead of every frame sent the ordinary way; only for a
     * {@link ConnectionGreeting} while it greets this connection.
     */
    public void greet(ServerFrame frame) {
        writer.greet(codec.encode(frame));
    }

    /**
     * {@link #greet}, then waits until the socket has taken the frame, so a greeting of several frames holds at most
     * one of them in the connection's send buffer and a large catch-up never counts as a slow client.
     *
     * @return false when the connection went away (or is going) instead, and the rest of the greeting is moot
     */
    public boolean greetAndWait(ServerFrame frame) {
        writer.greet(codec.encode(frame)).join();
        return !closing();
    }

    /** @return completes once the session is closed */
    public CompletableFuture<Void> close(CloseStatus status) {
        return writer.close(status);
    }

    /**
     * The session a user connection writes into when a frame names none, once session-service has said which it
     * is; empty until then.
     */
    public Optional<String> openSessionId() {
        return Optional.ofNullable(openSessionId.get());
    }

    public void rememberOpenSession(String sessionId) {
        openSessionId.set(sessionId);
    }

    /** Forgets the open session if it is this one, so the next frame without a session id asks again. */
    public void forgetOpenSession(String sessionId) {
        openSessionId.updateAndGet(current -> sessionId.equals(current) ? null : current);
    }

    /** Writes this frame after what is queued, then closes the connection; frames sent meanwhile are dropped. */
    void closeAfter(ServerFrame last, CloseStatus status) {
        writer.closeAfter(codec.encode(last), status);
    }

    /** True once the node closes this connection, or the transport reported it closed. */
    public boolean closing() {
        return writer.closing();
    }

    void holdForGreeting() {
        writer.holdForGreeting();
    }

    void greeted() {
        writer.greeted();
    }

    void frameReceived() {
        long now = System.nanoTime();
        lastFrameNanos = now;
        lastHeardNanos = now;
        awaitingPong = false;
    }

    void pongReceived() {
        lastHeardNanos = System.nanoTime();
        awaitingPong = false;
    }

    long nanosSinceLastFrame(long nowNanos) {
        return nowNanos - lastFrameNanos;
    }

    /** Pings the client when nothing was heard from it for this long and no ping awaits its pong. */
    void pingIfQuiet(long nowNanos, long quietNanos) {
        if (!awaitingPong && nowNanos - lastHeardNanos >= quietNanos) {
            pingSentNanos = nowNanos;
            awaitingPong = true;
            writer.ping();
        }
    }

    boolean pongOverdue(long nowNanos, long pongTimeoutNanos) {
        return awaitingPong && nowNanos - pingSentNanos > pongTimeoutNanos;
    }

    boolean withinRateLimit() {
        return budget.tryTake(System.nanoTime());
    }

    /** How many UTF-8 bytes of an unfinished frame are held. */
    long partialFrameBytes() {
        return partialFrameBytes;
    }

    /**
     * Joins the parts of a client frame, as UTF-8 bytes: a character may be cut between two parts. The transport
     * hands parts one at a time per connection.
     *
     * @return the whole frame when {@code part} is its last, else null
     */
    synchronized byte @Nullable [] joinFrame(byte[] part, boolean last) {
        if (partialFrame == null && last) {
            return part;
        }
        if (partialFrame == null) {
            partialFrame = new ByteArrayOutputStream(part.length * 2);
        }
        partialFrame.writeBytes(part);
        if (!last) {
            nodeBuffers.add(part.length);
            partialFrameBytes += part.length;
            return null;
        }
        byte[] frame = partialFrame.toByteArray();
        dropPartialFrame();
        return frame;
    }

    /** Whether the node, holding too much for its clients, needs this connection to give up the frame it sends. */
    boolean partialFrameOverShare(long frameBytes) {
        return nodeBuffers.overShare(frameBytes);
    }

    private synchronized void dropPartialFrame() {
        nodeBuffers.release(partialFrameBytes);
        partialFrame = null;
        partialFrameBytes = 0;
    }

    /** Once the transport reports the connection closed; a part being joined meanwhile is dropped with it. */
    void discard() {
        writer.discard();
        dropPartialFrame();
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", userId=" + identity.userId() + ", role=" + identity.role().wireName() + "]";
    }
}
