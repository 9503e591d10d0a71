package com.loyalty.chat.realtime.handshake;

import java.util.Optional;

/** Whether this node takes one more connection at all, whoever asks; the node's connection keeper answers. */
public interface NodeAdmission {

    /** @return why a new connection is refused (told to the client with 503 and 5003), empty when it is welcome */
    Optional<String> refusal();
}
