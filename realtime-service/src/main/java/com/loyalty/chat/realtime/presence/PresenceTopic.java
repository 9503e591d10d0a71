package com.loyalty.chat.realtime.presence;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.loyalty.chat.chassis.kafka.TopicDeclarations;
import com.loyalty.chat.contracts.events.Topics;

/** Realtime nodes produce the presence topic, so they declare it, as every service does (the chassis's way). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PresenceProperties.class)
class PresenceTopic {

    @Bean
    NewTopic presenceEventsTopic(TopicDeclarations topics) {
        return topics.topic(Topics.PRESENCE_EVENTS);
    }
}
