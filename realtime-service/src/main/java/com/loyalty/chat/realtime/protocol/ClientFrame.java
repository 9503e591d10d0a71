package com.loyalty.chat.realtime.protocol;

import tools.jackson.databind.JsonNode;

/**
 * A frame a client sent.
 *
 * @param data an object node, empty when the client sent none
 * @param requestId the client's id for correlating the answer (a short string, {@link FrameCodec} makes sure), or
 *                  null
 */
public record ClientFrame(String type, JsonNode data, String requestId) {
}
