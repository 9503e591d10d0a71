package com.loyalty.chat.message.storage;

import java.time.Instant;
import java.util.List;

import com.loyalty.chat.contracts.events.Attachment;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;

/**
 * One row of {@code chat_messages}. {@code sequence} is the message's position in its session; the sender's
 * nickname and avatar are a snapshot of their token when they sent it.
 */
public record StoredMessage(String messageId, String sessionId, long sequence, long senderId, SenderType senderType,
                            String senderNickname, String senderAvatar, String content, MessageType messageType,
                            MessageStatus status, String tempMessageId, List<Attachment> attachments,
                            Instant createdAt) {

    public StoredMessage {
        attachments = List.copyOf(attachments);
    }
}
