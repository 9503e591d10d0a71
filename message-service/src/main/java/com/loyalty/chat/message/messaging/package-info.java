/**
 * Kafka plumbing shared by the features: topics, reading records into contract types, dead-lettering poison
 * records, and the transactional outbox whose relay carries {@code MessageEvent}s to {@code chat.message-events.v1}.
 */
package com.loyalty.chat.message.messaging;
