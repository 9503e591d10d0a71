package com.loyalty.chat.realtime.protocol;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON in and out of frames, with the application's mapper so times follow the contract format. */
@Component
public class FrameCodec {

    /**
     * The contract's bound on {@code requestId}. The node echoes it and remembers it until the answer comes, so an
     * unbounded one would let a client make the node hold and send back whatever it likes.
     */
    static final int MAX_REQUEST_ID_LENGTH = 64;

    private final JsonMapper jsonMapper;

    FrameCodec(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** Encodes once to UTF-8, so sending one frame to many connections and measuring its size cost nothing more. */
    public EncodedFrame encode(ServerFrame frame) {
        return new EncodedFrame(jsonMapper.writeValueAsBytes(frame));
    }

    public ClientFrame decode(String text) throws MalformedFrameException {
        JsonNode root;
        try {
            root = jsonMapper.readTree(text);
        } catch (JacksonException e) {
            throw new MalformedFrameException("frame is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedFrameException("frame must be a JSON object", null);
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isString() || type.stringValue().isBlank()) {
            throw new MalformedFrameException("type is required", null);
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            data = jsonMapper.createObjectNode();
        }
        if (hasBrokenText(data)) {
            // A JSON escape can spell half a character ("\ud800"): no id or text of the contract is like that, and
            // it could not be stored or put in a URL as it is.
            throw new MalformedFrameException("text must be whole Unicode characters", type.stringValue());
        }
        return new ClientFrame(type.stringValue(), data, requestId(root.get("requestId"), type.stringValue()));
    }

    private static boolean hasBrokenText(JsonNode node) {
        if (node.isString()) {
            return hasLoneSurrogate(node.stringValue());
        }
        for (JsonNode child : node) {
            if (hasBrokenText(child)) {
                return true;
            }
        }
        return node.isObject() && node.propertyNames().stream().anyMatch(FrameCodec::hasLoneSurrogate);
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String requestId(JsonNode requestId, String type) throws MalformedFrameException {
        if (requestId == null || requestId.isNull()) {
            return null;
        }
        String text = requestId.isString() ? requestId.stringValue() : null;
        if (text == null || text.codePointCount(0, text.length()) > MAX_REQUEST_ID_LENGTH) {
            throw new MalformedFrameException(
                    "requestId must be a string of at most " + MAX_REQUEST_ID_LENGTH + " characters", type);
        }
        return text;
    }
}
