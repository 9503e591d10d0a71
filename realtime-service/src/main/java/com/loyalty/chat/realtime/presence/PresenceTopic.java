package com.loyalty.chat.realtime.presence;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import com.loyalty.chat.contracts.events.Topics;

/** Realtime nodes produce the presence topic, so they declare it; the replication factor is the broker's default. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PresenceProperties.class)
class PresenceTopic {

    @Bean
    NewTopic presenceEventsTopic(PresenceProperties properties) {
        return TopicBuilder.name(Topics.PRESENCE_EVENTS).partitions(properties.topicPartitions()).build();
    }
}
