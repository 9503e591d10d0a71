package com.loyalty.chat.contracts.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What happened to messages; published by message-service on {@link Topics#MESSAGE_EVENTS}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = MessageEvent.MessageStored.class, name = "MessageStored"),
        @JsonSubTypes.Type(value = MessageEvent.MessageRejected.class, name = "MessageRejected"),
        @JsonSubTypes.Type(value = MessageEvent.MessagesRead.class, name = "MessagesRead")
})
public sealed interface MessageEvent {

    int SCHEMA_VERSION = 1;

    int schemaVersion();

    String eventId();

    String sessionId();

    Instant occurredAt();

    /**
     * A message is durably stored. {@code sequence} is its strictly increasing position in the session.
     * {@code sessionUserId} and {@code sessionAdminId} (null while unassigned) say who must see it.
     */
    record MessageStored(int schemaVersion, String eventId, String sessionId, Instant occurredAt,
                         String messageId, long sequence, long senderId, SenderType senderType, String senderNickname,
                         String senderAvatar, String content, MessageType messageType, String tempMessageId,
                         List<Attachment> attachments, long sessionUserId, Long sessionAdminId)
            implements MessageEvent {
    }

    /** A {@link MessageCommand.SendMessage} was refused; the sender hears why, with the contract's error code. */
    record MessageRejected(int schemaVersion, String eventId, String sessionId, Instant occurredAt,
                           String commandId, long senderId, SenderType senderType, String tempMessageId,
                           int errorCode, String reason) implements MessageEvent {
    }

    /**
     * The reader's side has read these messages of the other side. {@code sessionUserId} and {@code sessionAdminId}
     * (null while unassigned) say who must hear of it, as for {@link MessageStored}.
     */
    record MessagesRead(int schemaVersion, String eventId, String sessionId, Instant occurredAt,
                        long readerId, SenderType readerType, List<String> messageIds, long sessionUserId,
                        Long sessionAdminId) implements MessageEvent {
    }
}
