package com.loyalty.chat.realtime.messaging;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.events.MessageCommand;
import com.loyalty.chat.contracts.events.MessageCommand.MarkMessagesRead;
import com.loyalty.chat.realtime.connection.ClientFrameHandler;
import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.connection.FrameRejectedException;
import com.loyalty.chat.realtime.protocol.ClientFrame;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code mark_read}: {@code {sessionId, allMessages: true}} or {@code {sessionId, messageIds: [...]}} becomes a
 * command to message-service, which marks the other side's messages read and says so with {@code MessagesRead}.
 */
@Component
class MarkReadHandler implements ClientFrameHandler {

    private final Commands commands;
    private final JsonMapper jsonMapper;
    private final Clock clock;

    MarkReadHandler(Commands commands, JsonMapper jsonMapper, Clock clock) {
        this.commands = commands;
        this.jsonMapper = jsonMapper;
        this.clock = clock;
    }

    @Override
    public Set<String> types() {
        return Set.of("mark_read");
    }

    @Override
    public void handle(Connection connection, ClientFrame frame) {
        MarkReadData data = read(frame);
        if (data.sessionId() == null || data.sessionId().isBlank()) {
            throw new FrameRejectedException(ErrorCode.INVALID_REQUEST, "sessionId is required", null);
        }
        boolean all = Boolean.TRUE.equals(data.allMessages());
        List<String> messageIds = data.messageIds() == null ? List.of() : data.messageIds();
        if (!all && messageIds.isEmpty()) {
            throw new FrameRejectedException(ErrorCode.INVALID_REQUEST,
                    "allMessages must be true or messageIds must name messages", null);
        }
        commands.send(connection, frame, null, new MarkMessagesRead(MessageCommand.SCHEMA_VERSION,
                UUID.randomUUID().toString(), data.sessionId(), commands.senderOf(connection), clock.instant(), all,
                all ? List.of() : messageIds));
    }

    private MarkReadData read(ClientFrame frame) {
        try {
            return jsonMapper.treeToValue(frame.data(), MarkReadData.class);
        } catch (JacksonException e) {
            throw new FrameRejectedException(ErrorCode.INVALID_REQUEST,
                    "data must be an object with sessionId and allMessages or messageIds", null);
        }
    }

    record MarkReadData(String sessionId, Boolean allMessages, List<String> messageIds) {
    }
}
