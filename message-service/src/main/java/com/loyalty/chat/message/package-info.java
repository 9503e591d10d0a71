/**
 * message-service: stores chat messages sent over Kafka commands and REST, keeps their read state, announces both on
 * Kafka through a transactional outbox, and serves history, sync and offline messages.
 */
@NullMarked
package com.loyalty.chat.message;

import org.jspecify.annotations.NullMarked;
