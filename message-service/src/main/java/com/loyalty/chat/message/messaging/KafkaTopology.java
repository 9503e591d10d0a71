package com.loyalty.chat.message.messaging;

import java.util.Map;

import com.loyalty.chat.contracts.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the topics message-service writes, and the ones it reads so that it never subscribes to a missing topic
 * when it starts before their producer. Creating an existing topic is a no-op, so every service can declare what it
 * touches; they must agree on the partition count. {@link Topics#MESSAGE_EVENTS} is kept forever
 * ({@code retention.ms=-1}): stats-service rebuilds its projection from it. Because another service may have created
 * it first with the broker's default retention, the admin is allowed to correct the configuration of an existing
 * topic ({@code spring.kafka.admin.modify-topic-configs}).
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopology {

    @Bean
    KafkaAdmin.NewTopics chatTopics(MessagingProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.MESSAGE_COMMANDS, properties),
                keptForever(topic(Topics.MESSAGE_EVENTS, properties)),
                topic(Topics.SESSION_EVENTS, properties),
                topic(Topics.deadLetterOf(Topics.MESSAGE_COMMANDS), properties),
                topic(Topics.deadLetterOf(Topics.SESSION_EVENTS), properties));
    }

    private static NewTopic keptForever(NewTopic topic) {
        return topic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
    }

    private static NewTopic topic(String name, MessagingProperties properties) {
        return TopicBuilder.name(name)
                .partitions(properties.topics().partitions())
                .replicas(properties.topics().replicationFactor())
                .build();
    }
}
