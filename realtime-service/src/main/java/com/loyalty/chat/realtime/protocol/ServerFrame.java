package com.loyalty.chat.realtime.protocol;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every frame the server sends.
 *
 * @param messageId the frame's own id, not the id of a chat message it may carry
 * @param requestId the client's {@code requestId}, echoed on the direct answer to that frame
 */
public record ServerFrame(String type, Object data, Instant timestamp, String messageId,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String requestId) {
}
