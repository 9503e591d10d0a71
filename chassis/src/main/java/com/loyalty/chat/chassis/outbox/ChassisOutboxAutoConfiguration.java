package com.loyalty.chat.chassis.outbox;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox of a service that declares what it relays ({@link OutboxEvents}): its {@code outbox} table (each service
 * creates it with a migration), the {@link EventOutbox} its features announce events to, the relay, and the backlog
 * gauge. The relay sends each event's JSON through the service's {@code KafkaTemplate}, whose value serializer must
 * therefore be the {@code StringSerializer}.
 */
@AutoConfiguration
@ConditionalOnClass({KafkaTemplate.class, JdbcTemplate.class})
@ConditionalOnBean(OutboxEvents.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class ChassisOutboxAutoConfiguration {

    @Bean
    OutboxRows outboxRows(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager) {
        return new OutboxRows(jdbcTemplate, transactionManager);
    }

    @Bean
    OutboxRelay outboxRelay(KafkaTemplate<String, String> kafka, OutboxRows rows, JsonMapper jsonMapper,
                            OutboxEvents<?> events, OutboxProperties properties) {
        return new OutboxRelay(kafka, rows, jsonMapper, events, properties);
    }

    @Bean
    EventOutbox eventOutbox(OutboxRows rows, OutboxRelay relay, JsonMapper jsonMapper, OutboxEvents<?> events,
                            OutboxProperties properties) {
        return new EventOutbox(rows, relay, jsonMapper, events, properties);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Backlog {

        @Bean
        OutboxBacklog outboxBacklog(JdbcTemplate jdbcTemplate) {
            return new OutboxBacklog(jdbcTemplate);
        }
    }
}
