package com.loyalty.chat.realtime.connection;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.springframework.web.reactive.socket.CloseStatus;

/**
 * One client's socket as its {@link ConnectionWriter} sees it: a batch of frames at a time, and word back once the
 * socket has taken it, so the writer hands the socket one batch at a time and holds the rest in its own bounded queue.
 */
interface ClientSocket {

    /** For log lines: the transport's id of the connection. */
    String id();

    /**
     * Text frames in this order (one flush for all), then a WebSocket ping if asked; the client's pong comes back as a
     * frame read. Never blocks.
     *
     * @param texts the UTF-8 bytes of each text frame; may be empty when only a ping is asked for
     * @return completes once the socket has taken the last of them, exceptionally when the socket failed (some of the
     *         frames may have been sent)
     */
    CompletableFuture<Void> send(List<byte[]> texts, boolean ping);

    /** Sends the close frame and lets go of the socket, by force if the close frame does not get through in time. */
    void close(CloseStatus status);
}
