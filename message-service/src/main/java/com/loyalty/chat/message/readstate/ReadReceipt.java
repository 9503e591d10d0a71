package com.loyalty.chat.message.readstate;

import java.time.Instant;
import java.util.List;

/** The answer to a REST read. {@code messageIds} are the messages this call moved to read, none if all were read. */
record ReadReceipt(String sessionId, List<String> messageIds, Instant readAt) {
}
