package com.loyalty.chat.realtime.delivery;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Broadcast consumers keep Spring Kafka's own failure handling (a record that fails is tried again a few times, then
 * logged and passed over) instead of the chassis's policy, which stands back when a service has its own handler.
 * Every node reads every record: dead-lettering would put one copy per node in the dead-letter topic, and retrying a
 * transient failure for as long as it lasts would hold up every connection of the node. The services that consume as
 * one group dead-letter what is poison.
 */
@Configuration(proxyBeanMethods = false)
class BroadcastFailures {

    @Bean
    CommonErrorHandler broadcastErrorHandler() {
        return new DefaultErrorHandler();
    }
}
