/**
 * message-service: stores chat messages sent over Kafka commands and REST, announces them on Kafka through a
 * transactional outbox, and serves message history.
 */
package com.loyalty.chat.message;
