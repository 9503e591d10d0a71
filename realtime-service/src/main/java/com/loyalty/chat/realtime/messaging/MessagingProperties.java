package com.loyalty.chat.realtime.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxContentSize the largest message content, in UTF-8 bytes; larger gets {@code error} 4013
 * @param requestIdMemory how long the node remembers a {@code send_message}'s {@code requestId}, to echo it on the
 *                        {@code message_sent} that answers it; a later answer goes without
 * @param requestIdLimit how many such request ids the node remembers at most, across all its connections
 * @param signalTopicRetention how long the broker keeps signals; nobody reads an old one
 */
@ConfigurationProperties("chat.realtime.messaging")
record MessagingProperties(
        @DefaultValue("16KB") DataSize maxContentSize,
        @DefaultValue("2m") Duration requestIdMemory,
        @DefaultValue("100000") long requestIdLimit,
        @DefaultValue("1h") Duration signalTopicRetention) {
}
