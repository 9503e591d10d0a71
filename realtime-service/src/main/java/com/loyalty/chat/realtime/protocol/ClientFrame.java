package com.loyalty.chat.realtime.protocol;

import tools.jackson.databind.JsonNode;

/**
 * A frame a client sent.
 *
 * @param data an object node, empty when the client sent none
 * @param requestId whatever the client chose to correlate the answer with, or null
 */
public record ClientFrame(String type, JsonNode data, JsonNode requestId) {
}
