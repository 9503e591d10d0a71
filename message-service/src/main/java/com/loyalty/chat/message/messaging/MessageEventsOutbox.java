package com.loyalty.chat.message.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.loyalty.chat.chassis.outbox.OutboxEvents;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.Topics;

/**
 * What the chassis's outbox relays for this service: {@link MessageEvent}s to {@link Topics#MESSAGE_EVENTS}, keyed by
 * session so that a session's events stay in one partition, in order. Features announce them to the chassis's
 * {@code EventOutbox} inside their transaction.
 */
@Configuration(proxyBeanMethods = false)
class MessageEventsOutbox {

    @Bean
    OutboxEvents<MessageEvent> messageEvents() {
        return OutboxEvents.to(Topics.MESSAGE_EVENTS, MessageEvent.class, MessageEvent::sessionId);
    }
}
