package com.loyalty.chat.realtime.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param receiptDelay how long delivery receipts gather before they go to message-service, one command per session
 *                     and recipient however many messages and connections they cover
 * @param rememberedEvents how many stored-message events the node remembers, so one announced again (a client
 *                         repeating a {@code tempMessageId}, a redelivery) is not pushed to the recipients twice
 */
@ConfigurationProperties("chat.realtime.delivery")
record DeliveryProperties(
        @DefaultValue("250ms") Duration receiptDelay,
        @DefaultValue("10000") long rememberedEvents) {
}
