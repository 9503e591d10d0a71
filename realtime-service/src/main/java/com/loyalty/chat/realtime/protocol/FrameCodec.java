package com.loyalty.chat.realtime.protocol;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON in and out of frames, with the application's mapper so times follow the contract format. */
@Component
public class FrameCodec {

    private final JsonMapper jsonMapper;

    FrameCodec(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** Encodes once to UTF-8, so sending one frame to many connections and measuring its size cost nothing more. */
    public TextMessage encode(ServerFrame frame) {
        return new TextMessage(jsonMapper.writeValueAsBytes(frame));
    }

    public ClientFrame decode(String text) throws MalformedFrameException {
        JsonNode root;
        try {
            root = jsonMapper.readTree(text);
        } catch (JacksonException e) {
            throw new MalformedFrameException("frame is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedFrameException("frame must be a JSON object");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isString() || type.stringValue().isBlank()) {
            throw new MalformedFrameException("type is required");
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            data = jsonMapper.createObjectNode();
        }
        JsonNode requestId = root.get("requestId");
        return new ClientFrame(type.stringValue(), data, requestId == null || requestId.isNull() ? null : requestId);
    }
}
