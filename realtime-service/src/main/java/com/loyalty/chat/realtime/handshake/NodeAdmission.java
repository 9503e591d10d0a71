package com.loyalty.chat.realtime.handshake;

import java.time.Duration;
import java.util.Optional;

/** Whether this node takes one more connection at all, whoever asks; the node's connection keeper answers. */
public interface NodeAdmission {

    /**
     * @return why a new connection is refused (told to the client with 503 and 5003), empty when it is welcome; a
     *         welcome handshake holds a place until {@link #handshakeOver()}
     */
    Optional<String> refusal();

    /** The handshake that {@link #refusal()} welcomed is over, upgraded or not. */
    void handshakeOver();

    /** How long a refused client should wait before it tries again. */
    Duration retryAfter();
}
