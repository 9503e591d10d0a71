/**
 * Kafka plumbing shared by the features: topics, reading records into contract types (an unreadable one is poison,
 * which the chassis's error handler dead-letters), and what the chassis's transactional outbox relays:
 * {@code MessageEvent}s to {@code chat.message-events.v1}.
 */
@NullMarked
package com.loyalty.chat.message.messaging;

import org.jspecify.annotations.NullMarked;
