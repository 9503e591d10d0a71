package com.loyalty.chat.realtime.protocol;

import java.time.Duration;

import com.loyalty.chat.contracts.events.MessageEvent.MessageRejected;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionEvent.SessionOpened;
import com.loyalty.chat.contracts.events.SessionEvent.SessionStatusChanged;

import tools.jackson.databind.JsonNode;

/**
 * One endpoint's dialect: the path it is served at and how each server frame looks there. Whoever sends a frame
 * asks the connection's protocol for it, so the dialects differ only here.
 */
public interface Protocol {

    String path();

    ServerFrame connectionEstablished(String connectionId, long userId, boolean admin, String nodeId,
                                      Duration heartbeatInterval);

    ServerFrame heartbeatAck(JsonNode requestId);

    ServerFrame pong(JsonNode requestId);

    /**
     * @param requestType the client frame's type this answers, null when the frame had none
     * @param tempMessageId the client's id of the message concerned, null when none
     */
    ServerFrame error(int code, String msg, String requestType, String tempMessageId, JsonNode requestId);

    /** To the sender: the message with its {@code tempMessageId} is stored. */
    ServerFrame messageSent(MessageStored stored);

    /** To a participant of the session other than through the sender's {@link #messageSent}. */
    ServerFrame newMessage(MessageStored stored, SenderType recipientRole);

    /** To the sender: the message with its {@code tempMessageId} was refused. */
    ServerFrame messageRejected(MessageRejected rejected);

    ServerFrame newSession(SessionOpened opened);

    ServerFrame sessionStatus(SessionStatusChanged changed);
}
