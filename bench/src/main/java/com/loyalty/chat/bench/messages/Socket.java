package com.loyalty.chat.bench.messages;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client WebSocket (JDK HttpClient). Incoming text frames go to the {@link FrameHandler} with the moment their
 * last fragment arrived; outgoing frames are chained, because the JDK client allows one outstanding send per socket
 * and the load generator must never wait for one socket before sending on the next.
 */
final class Socket implements WebSocket.Listener {

    /** Called on the HttpClient's threads; must not block. */
    interface FrameHandler {
        void onFrame(String frame, long receivedAtNanos);
    }

    private final CompletableFuture<String> established = new CompletableFuture<>();
    private final StringBuilder fragments = new StringBuilder();
    private final AtomicLong failedSends;
    private volatile FrameHandler handler;
    private volatile String closeReason;
    private WebSocket webSocket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private Socket(FrameHandler handler, AtomicLong failedSends) {
        this.handler = handler;
        this.failedSends = failedSends;
    }

    /**
     * Opens a socket and returns once the server's {@code connection_established} frame (whose JSON the future
     * holds) arrived. Frames before it go nowhere; frames after it go to {@code handler}.
     */
    static Socket open(HttpClient client, URI uri, FrameHandler handler, AtomicLong failedSends) {
        Socket socket = new Socket(handler, failedSends);
        socket.webSocket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, socket).join();
        try {
            socket.established.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
            throw new IllegalStateException("No connection_established from " + uri.getHost() + ":" + uri.getPort()
                    + (socket.closeReason != null ? " (" + socket.closeReason + ")" : ""), e);
        }
        return socket;
    }

    String establishedFrame() {
        return established.join();
    }

    void send(String frame) {
        synchronized (this) {
            sending = sending.thenCompose(ignored -> webSocket.sendText(frame, true))
                    .exceptionally(failure -> {
                        failedSends.incrementAndGet();
                        return null;
                    });
        }
    }

    /** Null while the socket is open. */
    String closeReason() {
        return closeReason;
    }

    void close() {
        synchronized (this) {
            sending = sending.thenCompose(ignored -> webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done"))
                    .exceptionally(failure -> null);
        }
    }

    void abort() {
        if (webSocket != null) {
            webSocket.abort();
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        long receivedAt = System.nanoTime();
        if (!last) {
            fragments.append(data);
        } else {
            String frame;
            if (fragments.isEmpty()) {
                frame = data.toString();
            } else {
                frame = fragments.append(data).toString();
                fragments.setLength(0);
            }
            if (!established.isDone()) {
                if ("connection_established".equals(Frames.type(frame))) {
                    established.complete(frame);
                }
            } else {
                handler.onFrame(frame, receivedAt);
            }
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closeReason = "closed " + statusCode + " " + reason;
        established.completeExceptionally(new IllegalStateException(closeReason));
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        closeReason = "error " + error;
        established.completeExceptionally(error);
    }
}
