package com.loyalty.chat.message.sending;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageEvent.MessageRejected;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.message.sending.SendOutcome.Rejected;
import com.loyalty.chat.message.sessionview.SessionView;
import com.loyalty.chat.message.storage.StoredMessage;

/** Builds the MessageEvents that announce what sending did. */
final class MessageEvents {

    private MessageEvents() {
    }

    /**
     * Announces a stored message. The event id is derived from the message id, so announcing the same message again
     * (for a repeated command) yields the very same event: consumers that dedupe on {@code eventId} see a
     * redelivery, while the realtime node still gets to ack the sender.
     */
    static MessageStored stored(StoredMessage message, SessionView session) {
        return new MessageStored(MessageEvent.SCHEMA_VERSION, eventIdOf(message), message.sessionId(),
                message.createdAt(), message.messageId(), message.sequence(), message.senderId(),
                message.senderType(), message.senderNickname(), message.senderAvatar(), message.content(),
                message.messageType(), message.tempMessageId(), message.attachments(), session.userId(),
                session.adminId());
    }

    static MessageRejected rejected(SendRequest request, Rejected rejection, Instant now) {
        return new MessageRejected(MessageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), request.sessionId(), now,
                request.commandId(), request.sender().userId(), request.sender().type(), request.tempMessageId(),
                rejection.errorCode().code(), rejection.reason());
    }

    private static String eventIdOf(StoredMessage message) {
        return UUID.nameUUIDFromBytes(("MessageStored:" + message.messageId()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
