package com.loyalty.chat.realtime.messaging;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import com.loyalty.chat.contracts.events.Topics;

/**
 * Realtime nodes produce and consume the signals topic, so they declare it; signals are stale within seconds, so
 * the broker keeps them briefly. The replication factor is the broker's default.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessagingProperties.class)
class SignalsTopic {

    @Bean
    NewTopic realtimeSignalsTopic(MessagingProperties properties) {
        return TopicBuilder.name(Topics.REALTIME_SIGNALS)
                .partitions(properties.signalTopicPartitions())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.signalTopicRetention().toMillis()))
                .build();
    }
}
