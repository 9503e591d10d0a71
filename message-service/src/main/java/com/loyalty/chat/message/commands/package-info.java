/**
 * The Kafka door for realtime nodes' {@code MessageCommand}s: reads a poll, parks poison, and hands each kind of
 * command to its feature in one batch.
 */
@NullMarked
package com.loyalty.chat.message.commands;

import org.jspecify.annotations.NullMarked;
