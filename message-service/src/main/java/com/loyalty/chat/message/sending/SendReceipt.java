package com.loyalty.chat.message.sending;

import java.time.Instant;

import com.loyalty.chat.message.storage.MessageStatus;
import com.loyalty.chat.message.storage.StoredMessage;

/** The answer to a REST send; for a repeat, the first message's id and time. */
record SendReceipt(String messageId, MessageStatus status, Instant timestamp) {

    static SendReceipt of(StoredMessage message) {
        return new SendReceipt(message.messageId(), message.status(), message.createdAt());
    }
}
