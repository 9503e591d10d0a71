package com.loyalty.chat.realtime.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.events.MessageCommand;
import com.loyalty.chat.contracts.events.MessageCommand.SendMessage;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.WireNamed;
import com.loyalty.chat.realtime.connection.ClientFrameHandler;
import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.connection.FrameRejectedException;
import com.loyalty.chat.realtime.protocol.ClientFrame;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code send_message} and its alias {@code chat_message}. The node rejects what is obviously wrong at once and
 * otherwise hands the message to message-service, which validates it again and answers through Kafka with
 * {@code MessageStored} or {@code MessageRejected}. Who sends comes from the token and the connection's role; any
 * sender fields in the frame are ignored.
 */
@Component
class SendMessageHandler implements ClientFrameHandler {

    private static final String CLIENT_TYPES = Arrays.stream(MessageType.values())
            .filter(type -> type != MessageType.SYSTEM)
            .map(MessageType::wireName)
            .collect(Collectors.joining(", "));
    /**
     * message-service refuses longer ones too; the node refuses them first, so it neither publishes nor remembers
     * (with the frame's requestId, for two minutes) a key as large as a frame.
     */
    private static final int MAX_TEMP_MESSAGE_ID_LENGTH = 100;

    private final Commands commands;
    private final OpenSessions openSessions;
    private final RequestIds requestIds;
    private final JsonMapper jsonMapper;
    private final MessagingProperties properties;
    private final Clock clock;

    SendMessageHandler(Commands commands, OpenSessions openSessions, RequestIds requestIds, JsonMapper jsonMapper,
                       MessagingProperties properties, Clock clock) {
        this.commands = commands;
        this.openSessions = openSessions;
        this.requestIds = requestIds;
        this.jsonMapper = jsonMapper;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Set<String> types() {
        return Set.of("send_message", "chat_message");
    }

    @Override
    public void handle(Connection connection, ClientFrame frame) {
        SendMessageData data = read(frame);
        if (data.tempMessageId() != null && data.tempMessageId().length() > MAX_TEMP_MESSAGE_ID_LENGTH) {
            throw new FrameRejectedException(ErrorCode.INVALID_REQUEST,
                    "tempMessageId must be at most " + MAX_TEMP_MESSAGE_ID_LENGTH + " characters", null);
        }
        // The existing front end sends no tempMessageId; one is made up so the command still has its retry key.
        String tempMessageId = isBlank(data.tempMessageId()) ? "temp_" + UUID.randomUUID() : data.tempMessageId();
        MessageType messageType = messageType(data.messageType(), tempMessageId);
        if (isBlank(data.content())) {
            throw new FrameRejectedException(ErrorCode.INVALID_REQUEST, "content must not be blank", tempMessageId);
        }
        if (data.content().getBytes(StandardCharsets.UTF_8).length > properties.maxContentSize().toBytes()) {
            throw new FrameRejectedException(ErrorCode.CONTENT_TOO_LARGE,
                    ErrorCode.CONTENT_TOO_LARGE.defaultMessage(), tempMessageId);
        }
        String sessionId = sessionId(connection, data.sessionId(), tempMessageId);
        requestIds.remember(connection, tempMessageId, frame.requestId());
        commands.send(connection, frame, tempMessageId, new SendMessage(MessageCommand.SCHEMA_VERSION,
                UUID.randomUUID().toString(), sessionId, commands.senderOf(connection), clock.instant(),
                data.content(), messageType, tempMessageId, List.of()));
    }

    private SendMessageData read(ClientFrame frame) {
        try {
            return jsonMapper.treeToValue(frame.data(), SendMessageData.class);
        } catch (JacksonException e) {
            throw new FrameRejectedException(ErrorCode.INVALID_REQUEST,
                    "data must be an object with sessionId, content, messageType and tempMessageId", null);
        }
    }

    private static MessageType messageType(String wireName, String tempMessageId) {
        if (isBlank(wireName)) {
            return MessageType.TEXT;
        }
        return WireNamed.find(MessageType.class, wireName)
                .filter(type -> type != MessageType.SYSTEM)
                .orElseThrow(() -> new FrameRejectedException(ErrorCode.INVALID_REQUEST,
                        "messageType must be one of " + CLIENT_TYPES, tempMessageId));
    }

    /**
     * A user's frame without a session id writes into the user's open session; an admin must name one. Asking
     * session-service blocks, which is fine: frames are handled on virtual threads.
     */
    private String sessionId(Connection connection, String requested, String tempMessageId) {
        if (!isBlank(requested)) {
            return requested;
        }
        if (connection.role() == SenderType.ADMIN) {
            throw new FrameRejectedException(ErrorCode.INVALID_REQUEST, "sessionId is required", tempMessageId);
        }
        return connection.openSessionId().orElseGet(() -> {
            try {
                String sessionId = openSessions.openSessionOf(connection.identity());
                connection.rememberOpenSession(sessionId);
                return sessionId;
            } catch (ChatException e) {
                throw new FrameRejectedException(e.errorCode(), e.getMessage(), tempMessageId);
            }
        });
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** What the node reads of the frame's data; {@code senderInfo} and the like are deliberately not here. */
    record SendMessageData(String sessionId, String content, String messageType, String tempMessageId) {
    }
}
