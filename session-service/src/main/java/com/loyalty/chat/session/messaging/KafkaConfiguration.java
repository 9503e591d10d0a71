package com.loyalty.chat.session.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import com.loyalty.chat.chassis.kafka.TopicDeclarations;
import com.loyalty.chat.chassis.outbox.OutboxEvents;
import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.Topics;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /**
     * The topics this service writes and reads, declared so that its listeners can subscribe whichever service starts
     * first. Session events are kept forever (stats-service replays them); this service owns them, so
     * {@code spring.kafka.admin.modify-topic-configs} makes it set that retention even where another service created
     * the topic first.
     */
    @Bean
    KafkaAdmin.NewTopics chatTopics(TopicDeclarations topics) {
        return new KafkaAdmin.NewTopics(
                topics.keptForever(Topics.SESSION_EVENTS),
                topics.topic(Topics.MESSAGE_EVENTS),
                topics.topic(Topics.deadLetterOf(Topics.MESSAGE_EVENTS)),
                topics.topic(Topics.PRESENCE_EVENTS),
                topics.topic(Topics.deadLetterOf(Topics.PRESENCE_EVENTS)));
    }

    /**
     * Session events leave through the chassis's outbox ({@link SessionEventsToOutbox} stores each in the transaction
     * that caused it), keyed by session so each consumer sees a session's story in order.
     */
    @Bean
    OutboxEvents<SessionEvent> sessionEvents() {
        return OutboxEvents.to(Topics.SESSION_EVENTS, SessionEvent.class, SessionEvent::sessionId);
    }
}
