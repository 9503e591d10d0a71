package com.loyalty.chat.session.messaging;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;

import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.Topics;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /**
     * Kept forever: stats-service rebuilds its projection by replaying it from the start. Other services declare the
     * topic too (to subscribe before it exists); {@code spring.kafka.admin.modify-topic-configs} makes this service,
     * its owner, set the retention even where one of them created it first.
     */
    @Bean
    NewTopic sessionEventsTopic(MessagingProperties properties) {
        return TopicBuilder.name(Topics.SESSION_EVENTS)
                .partitions(properties.partitions())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }

    /**
     * Owned by message-service; declared here too (same partitions) so this service's listener can subscribe
     * whichever service starts first.
     */
    @Bean
    NewTopic messageEventsTopic(MessagingProperties properties) {
        return TopicBuilder.name(Topics.MESSAGE_EVENTS).partitions(properties.partitions()).build();
    }

    @Bean
    NewTopic messageEventsDeadLetterTopic(MessagingProperties properties) {
        return TopicBuilder.name(Topics.deadLetterOf(Topics.MESSAGE_EVENTS))
                .partitions(properties.partitions())
                .build();
    }

    /** Owned by the realtime nodes; declared here for the same reason as the message events. */
    @Bean
    NewTopic presenceEventsTopic(MessagingProperties properties) {
        return TopicBuilder.name(Topics.PRESENCE_EVENTS).partitions(properties.partitions()).build();
    }

    @Bean
    NewTopic presenceEventsDeadLetterTopic(MessagingProperties properties) {
        return TopicBuilder.name(Topics.deadLetterOf(Topics.PRESENCE_EVENTS))
                .partitions(properties.partitions())
                .build();
    }

    /**
     * Session events leave through the outbox: Spring Modulith stores each publication with the transaction that
     * caused it and sends it here after commit, keyed by session so each consumer sees a session's story in order.
     */
    @Bean
    EventExternalizationConfiguration eventExternalization() {
        return EventExternalizationConfiguration.externalizing()
                .selectByType(SessionEvent.class)
                .route(SessionEvent.class,
                        event -> RoutingTarget.forTarget(Topics.SESSION_EVENTS).andKey(event.sessionId()))
                .build();
    }
}
