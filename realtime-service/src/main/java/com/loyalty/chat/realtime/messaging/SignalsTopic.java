package com.loyalty.chat.realtime.messaging;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.loyalty.chat.chassis.kafka.TopicDeclarations;
import com.loyalty.chat.contracts.events.Topics;

/**
 * Realtime nodes produce and consume the signals topic, so they declare it; signals are stale within seconds, so
 * the broker keeps them briefly.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessagingProperties.class)
class SignalsTopic {

    @Bean
    NewTopic realtimeSignalsTopic(TopicDeclarations topics, MessagingProperties properties) {
        return topics.topic(Topics.REALTIME_SIGNALS).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(properties.signalTopicRetention().toMillis())));
    }
}
