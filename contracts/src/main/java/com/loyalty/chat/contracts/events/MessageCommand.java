package com.loyalty.chat.contracts.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A request from a realtime node to message-service on {@link Topics#MESSAGE_COMMANDS}. The sender was taken from a
 * verified token by the node; message-service trusts it because only nodes write this topic.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = MessageCommand.SendMessage.class, name = "SendMessage"),
        @JsonSubTypes.Type(value = MessageCommand.MarkMessagesRead.class, name = "MarkMessagesRead"),
        @JsonSubTypes.Type(value = MessageCommand.MarkMessagesDelivered.class, name = "MarkMessagesDelivered")
})
public sealed interface MessageCommand {

    int SCHEMA_VERSION = 1;

    int schemaVersion();

    String commandId();

    String sessionId();

    Sender sender();

    Instant issuedAt();

    /** Who asked, as the verified token says, and on which side of the session they act. */
    record Sender(long userId, SenderType type, String nickname, String avatar) {
    }

    /** Store a message; {@code (sender.userId, tempMessageId)} makes a repeat harmless. */
    record SendMessage(int schemaVersion, String commandId, String sessionId, Sender sender, Instant issuedAt,
                       String content, MessageType messageType, String tempMessageId, List<Attachment> attachments)
            implements MessageCommand {
    }

    /** Mark the other side's messages read: all of them, or those listed. */
    record MarkMessagesRead(int schemaVersion, String commandId, String sessionId, Sender sender, Instant issuedAt,
                            boolean allMessages, List<String> messageIds) implements MessageCommand {
    }

    /**
     * A realtime node handed these messages to a connection of {@code sender} (here: the recipient), so they move
     * from {@code sent} to {@code delivered}; a message already read stays read.
     */
    record MarkMessagesDelivered(int schemaVersion, String commandId, String sessionId, Sender sender,
                                 Instant issuedAt, List<String> messageIds) implements MessageCommand {
    }
}
