package com.loyalty.chat.message.history;

import java.time.Instant;
import java.util.List;

import com.loyalty.chat.contracts.events.Attachment;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.message.storage.MessageStatus;
import com.loyalty.chat.message.storage.StoredMessage;

/** One page of history in the seed's shape. */
record HistoryPage(List<Message> messages, long totalCount, Pagination pagination) {

    /**
     * A message in the seed's item shape, plus {@code sequence}: its position in the session, the order every
     * client must show it in (the same number MessageStored carries).
     */
    record Message(String messageId, String sessionId, long sequence, long senderId, SenderType senderType,
                   String content, MessageType messageType, MessageStatus status, Instant createdAt,
                   List<Attachment> attachments, Sender sender) {

        static Message of(StoredMessage message) {
            return new Message(message.messageId(), message.sessionId(), message.sequence(), message.senderId(),
                    message.senderType(), message.content(), message.messageType(), message.status(),
                    message.createdAt(), message.attachments(),
                    new Sender(message.senderId(), message.senderNickname(), message.senderAvatar()));
        }
    }

    /** The sender as they were when they sent the message. */
    record Sender(long userId, String nickname, String avatar) {
    }

    record Pagination(int currentPage, int pageSize, long totalPages, boolean hasMore) {
    }
}
