package com.loyalty.chat.message.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import com.loyalty.chat.chassis.kafka.TopicDeclarations;
import com.loyalty.chat.contracts.events.Topics;

/**
 * Declares the topics message-service writes, and the ones it reads so that it never subscribes to a missing topic
 * when it starts before their producer. {@link Topics#MESSAGE_EVENTS} is kept forever ({@code retention.ms=-1}):
 * stats-service rebuilds its projection from it. Because another service may have created it first with the broker's
 * default retention, the admin is allowed to correct the configuration of an existing topic
 * ({@code spring.kafka.admin.modify-topic-configs}).
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopology {

    @Bean
    KafkaAdmin.NewTopics chatTopics(TopicDeclarations topics) {
        return new KafkaAdmin.NewTopics(
                topics.topic(Topics.MESSAGE_COMMANDS),
                topics.keptForever(Topics.MESSAGE_EVENTS),
                topics.topic(Topics.SESSION_EVENTS),
                topics.topic(Topics.deadLetterOf(Topics.MESSAGE_COMMANDS)),
                topics.topic(Topics.deadLetterOf(Topics.SESSION_EVENTS)));
    }
}
