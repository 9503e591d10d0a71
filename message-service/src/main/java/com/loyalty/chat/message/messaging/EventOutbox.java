package com.loyalty.chat.message.messaging;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The transactional outbox. Features publish {@link MessageEvent}s with {@code ApplicationEventPublisher} inside
 * their transaction; Spring Modulith stores each publication in {@code EVENT_PUBLICATION} in that transaction and,
 * after commit, sends it to {@link Topics#MESSAGE_EVENTS} keyed by session id, marking it complete once Kafka has
 * acknowledged it. Publications left incomplete (the broker was away, the process died) are sent again on restart
 * and by {@link OutboxResubmission}; so an event may arrive twice, and consumers dedupe on {@code eventId}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class EventOutbox {

    @Bean
    EventExternalizationConfiguration messageEventsToKafka() {
        return EventExternalizationConfiguration.externalizing()
                .select(event -> event instanceof MessageEvent)
                .route(MessageEvent.class,
                        event -> RoutingTarget.forTarget(Topics.MESSAGE_EVENTS).andKey(event.sessionId()))
                .build();
    }
}
