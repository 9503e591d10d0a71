package com.loyalty.chat.realtime.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A server frame encoded once, as the UTF-8 bytes of its JSON, ready for any number of connections' sockets.
 *
 * @param payload never modified once encoded
 */
public record EncodedFrame(byte[] payload) {

    public int length() {
        return payload.length;
    }

    /** The JSON, for a log line or a test; the socket takes {@link #payload()} as it is. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
