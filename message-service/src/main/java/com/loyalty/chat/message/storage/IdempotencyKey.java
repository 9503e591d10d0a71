package com.loyalty.chat.message.storage;

/** A sender's own id for a message: one stored message per key, however often it is sent. */
public record IdempotencyKey(long senderId, String tempMessageId) {
}
