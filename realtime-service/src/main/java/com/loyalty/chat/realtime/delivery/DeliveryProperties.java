package com.loyalty.chat.realtime.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param receiptDelay how long delivery receipts gather before they go to message-service, one command per session
 *                     and recipient however many messages and connections they cover
 * @param rememberedEvents how many stored-message events the node remembers, so one announced again (a client
 *                         repeating a {@code tempMessageId}, a redelivery) is not pushed to the recipients twice
 * @param sessionsPerConnection for how many sessions (the most recently pushed) a connection's highest pushed
 *                              {@code sequence} is kept; an admin console sees every unassigned session
 * @param unacknowledgedPerConnection how many messages handed to a connection wait for its {@code ack}; past this
 *                                    the oldest is never receipted and comes again on reconnect (clients that never
 *                                    ack hold this many)
 */
@ConfigurationProperties("chat.realtime.delivery")
record DeliveryProperties(
        @DefaultValue("250ms") Duration receiptDelay,
        @DefaultValue("10000") long rememberedEvents,
        @DefaultValue("1000") int sessionsPerConnection,
        @DefaultValue("256") int unacknowledgedPerConnection) {
}
