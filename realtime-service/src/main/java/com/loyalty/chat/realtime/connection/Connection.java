package com.loyalty.chat.realtime.connection;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.realtime.handshake.ConnectionIdentity;
import com.loyalty.chat.realtime.protocol.FrameCodec;
import com.loyalty.chat.realtime.protocol.Protocol;
import com.loyalty.chat.realtime.protocol.ServerFrame;

/** One client's WebSocket connection to this node. Safe to use from any thread; sending never blocks. */
public final class Connection {

    private final String id;
    private final ConnectionIdentity identity;
    private final Protocol protocol;
    private final FrameCodec codec;
    private final Outbox outbox;
    private final AtomicReference<String> openSessionId = new AtomicReference<>();
    private volatile long lastFrameNanos = System.nanoTime();

    Connection(String id, ConnectionIdentity identity, Protocol protocol, FrameCodec codec, Outbox outbox) {
        this.id = id;
        this.identity = identity;
        this.protocol = protocol;
        this.codec = codec;
        this.outbox = outbox;
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
    public Protocol protocol() {
        return protocol;
    }

    public void send(ServerFrame frame) {
        outbox.offer(codec.encode(frame));
    }

    /** Sends a frame already encoded, so one frame for many connections is encoded once. */
    public void send(TextMessage encodedFrame) {
        outbox.offer(encodedFrame);
    }

    public void close(CloseStatus status) {
        outbox.close(status);
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

    void frameReceived() {
        lastFrameNanos = System.nanoTime();
    }

    long nanosSinceLastFrame(long nowNanos) {
        return nowNanos - lastFrameNanos;
    }

    void discard() {
        outbox.discard();
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", userId=" + identity.userId() + ", role=" + identity.role().wireName() + "]";
    }
}
