package com.loyalty.chat.message.sending;

import java.util.List;
import java.util.Optional;

import com.loyalty.chat.contracts.events.Attachment;
import com.loyalty.chat.contracts.events.MessageCommand;
import com.loyalty.chat.contracts.events.MessageCommand.SendMessage;
import com.loyalty.chat.contracts.events.MessageCommand.Sender;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.message.storage.IdempotencyKey;

/**
 * One message someone wants stored, from a Kafka command or a REST call. {@code sender} comes from a verified token,
 * never from the message body. A blank {@code tempMessageId} counts as none.
 *
 * @param commandId the command's id when the request came over Kafka, null for REST
 */
record SendRequest(String sessionId, Sender sender, String content, MessageType messageType, String tempMessageId,
                   List<Attachment> attachments, Channel channel, String commandId) {

    /** Where a request came from, which decides how its sender hears the result. */
    enum Channel {
        /** The sender hears through MESSAGE_EVENTS: a MessageStored (also for a repeat) or a MessageRejected. */
        KAFKA,
        /** The sender hears in the HTTP answer; nothing is announced for a repeat or a refusal. */
        REST
    }

    SendRequest {
        tempMessageId = tempMessageId == null || tempMessageId.isBlank() ? null : tempMessageId;
        attachments = attachments == null ? List.of() : attachments.stream().toList();
    }

    static SendRequest of(SendMessage command) {
        return new SendRequest(command.sessionId(), command.sender(), command.content(), command.messageType(),
                command.tempMessageId(), command.attachments(), Channel.KAFKA, command.commandId());
    }

    /** The command a Kafka request came from (without its {@code issuedAt}, which nothing reads). */
    SendMessage asCommand() {
        return new SendMessage(MessageCommand.SCHEMA_VERSION, commandId, sessionId, sender, null, content, messageType,
                tempMessageId, attachments);
    }

    Optional<IdempotencyKey> idempotencyKey() {
        return Optional.ofNullable(tempMessageId).map(tempId -> new IdempotencyKey(sender.userId(), tempId));
    }

    boolean viaKafka() {
        return channel == Channel.KAFKA;
    }
}
