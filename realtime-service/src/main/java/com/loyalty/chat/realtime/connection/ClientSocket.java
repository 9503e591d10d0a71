package com.loyalty.chat.realtime.connection;

import java.io.IOException;
import java.util.List;

import org.springframework.web.reactive.socket.CloseStatus;

/**
 * One client's socket as its {@link ConnectionWriter} sees it: each call blocks its (virtual) caller until the socket
 * has taken the frame, so the writer hands the socket one frame at a time and holds the rest in its own bounded queue.
 */
interface ClientSocket {

    /** For log lines: the transport's id of the connection. */
    String id();

    /**
     * @param text the UTF-8 bytes of a text frame
     * @throws IOException when the socket failed, or did not take the frame within the send time limit
     */
    void sendText(byte[] text) throws IOException;

    /**
     * Text frames in this order, blocking until the socket has taken the last of them: a socket that can hand several
     * frames over at once (one flush) does, so a busy connection costs one wake-up per batch, not per frame.
     *
     * @throws IOException as {@link #sendText}; some of the frames may have been sent
     */
    default void sendTexts(List<byte[]> texts) throws IOException {
        for (byte[] text : texts) {
            sendText(text);
        }
    }

    /** A WebSocket ping; the client's pong comes back as a frame read. */
    void sendPing() throws IOException;

    /** Sends the close frame and lets go of the socket, by force if the close frame does not get through in time. */
    void close(CloseStatus status);
}
