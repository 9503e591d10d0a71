package com.loyalty.chat.message.readstate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of read receipts.
 *
 * @param maxListedIds most message ids one receipt may list; a receipt naming more is refused
 * @param maxIdsPerEvent most ids one MessagesRead carries: marking a long backlog read is announced in several
 *                       events, so that no event outgrows what Kafka accepts in one record
 */
@ConfigurationProperties("chat.message.read")
record ReadProperties(@DefaultValue("1000") int maxListedIds, @DefaultValue("1000") int maxIdsPerEvent) {
}
