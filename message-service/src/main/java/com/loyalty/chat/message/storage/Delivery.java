package com.loyalty.chat.message.storage;

import com.loyalty.chat.contracts.events.SenderType;

/**
 * A realtime node handed message {@code messageId} of session {@code sessionId} to a connection on
 * {@code recipientSide}. It only counts for a message of that session sent by the other side.
 */
public record Delivery(String messageId, String sessionId, SenderType recipientSide) {
}
