package com.loyalty.chat.realtime.protocol;

import java.time.Duration;
import java.util.List;

import com.loyalty.chat.contracts.events.MessageEvent.MessageRejected;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.MessageEvent.MessagesRead;
import com.loyalty.chat.contracts.events.RealtimeSignal.TypingChanged;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionEvent.SessionOpened;
import com.loyalty.chat.contracts.events.SessionEvent.SessionStatusChanged;

import tools.jackson.databind.JsonNode;

/**
 * One endpoint's dialect: the path it is served at and how each server frame looks there. Whoever sends a frame
 * asks the connection's dialect for it, so the dialects differ only here.
 *
 * <p>A {@code requestId} parameter is the client's id of the frame being answered, echoed when not null.
 */
public interface Dialect {

    String path();

    ServerFrame connectionEstablished(String connectionId, long userId, boolean admin, String nodeId,
                                      Duration heartbeatInterval);

    ServerFrame heartbeatAck(String requestId);

    ServerFrame pong(String requestId);

    /**
     * @param requestType the client frame's type this answers, null when the frame had none
     * @param tempMessageId the client's id of the message concerned, null when none
     */
    ServerFrame error(int code, String msg, String requestType, String tempMessageId, String requestId);

    /** To the sender: the message with its {@code tempMessageId} is stored. */
    ServerFrame messageSent(MessageStored stored, String requestId);

    /** To a participant of the session other than through the sender's {@link #messageSent}. */
    ServerFrame newMessage(MessageStored stored, SenderType recipientRole);

    /** To the sender: the message with its {@code tempMessageId} was refused. */
    ServerFrame messageRejected(MessageRejected rejected, String requestId);

    ServerFrame newSession(SessionOpened opened);

    ServerFrame sessionStatus(SessionStatusChanged changed);

    /** To the side that did not read: the reader's side has read these messages. */
    ServerFrame messagesRead(MessagesRead read);

    /** To the side that is not typing. */
    ServerFrame userTyping(TypingChanged typing);

    /**
     * What the client missed while it had no connection, oldest first; one part of several when it is much.
     *
     * @param messages history items as message-service answers them, passed on unchanged
     * @param hasMore message-service holds more missed messages than all the parts carry
     * @param part which part this is, from 1
     * @param parts how many parts there are
     */
    ServerFrame offlineMessages(List<JsonNode> messages, boolean hasMore, int part, int parts);

    /** The answer to {@code sync}: the session's messages after the one the client named, oldest first. */
    ServerFrame syncMessages(String sessionId, List<JsonNode> messages, boolean hasMore, String requestId);
}
