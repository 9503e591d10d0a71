package com.loyalty.chat.message.sending;

import java.time.Instant;

import com.loyalty.chat.message.storage.MessageStatus;
import com.loyalty.chat.message.storage.StoredMessage;

/**
 * The answer to a REST send; for a repeat, the first message's. {@code sequence} is the message's position in its
 * session, the same number history, sync, offline messages and MessageStored carry.
 */
record SendReceipt(String messageId, long sequence, MessageStatus status, Instant timestamp) {

    static SendReceipt of(StoredMessage message) {
        return new SendReceipt(message.messageId(), message.sequence(), message.status(), message.createdAt());
    }
}
