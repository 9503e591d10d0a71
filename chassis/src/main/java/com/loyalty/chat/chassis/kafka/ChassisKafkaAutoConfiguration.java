package com.loyalty.chat.chassis.kafka;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one way every service consumes Kafka.
 *
 * <ul>
 * <li><b>Failures:</b> a transient one ({@link TransientFailures}) is retried with growing pauses for as long as it
 * lasts, so a database outage loses nothing; any other is dead-lettered at once, so a bad record never blocks its
 * partition. Batch listeners isolate their bad record with {@link BatchPoison}.</li>
 * <li><b>Reading:</b> records are consumed as strings and read into the contract's types by {@link ContractRecords},
 * which checks their schema version; what it cannot read is a {@link PoisonRecordException}.</li>
 * <li><b>Topics:</b> declared through {@link TopicDeclarations}, with one partition count for all.</li>
 * <li><b>Static membership:</b> with an instance id ({@code chat.kafka.instance-id}, or {@code CHAT_INSTANCE_ID} as
 * the launcher, compose and Kubernetes set it from the process, service or pod name), each consumer joins its group
 * as {@code <instance id>-<listener id>-<n>}; a replica restarted after a crash takes its partitions back at once
 * instead of waiting for its dead predecessor's session to time out.</li>
 * </ul>
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass(DefaultErrorHandler.class)
@EnableConfigurationProperties(ChassisKafkaProperties.class)
public class ChassisKafkaAutoConfiguration {

    static final String INSTANCE_ID_PROPERTY = "chat.kafka.instance-id";
    static final String INSTANCE_ID_VARIABLE = "CHAT_INSTANCE_ID";

    @Bean
    @ConditionalOnMissingBean
    TopicDeclarations topicDeclarations(ChassisKafkaProperties properties) {
        return new TopicDeclarations(properties.topics().partitions());
    }

    @Bean
    @ConditionalOnMissingBean
    DeadLetters deadLetters(KafkaProperties kafkaProperties) {
        return new DeadLetters(kafkaProperties);
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler chatConsumerErrorHandler(DeadLetters deadLetters, ChassisKafkaProperties properties) {
        BackOff untilItPasses = untilItPasses(properties.retry());
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, untilItPasses);
        BackOff never = new FixedBackOff(0, 0);
        handler.setBackOffFunction((record, failure) -> TransientFailures.isTransient(failure) ? untilItPasses : never);
        return handler;
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer chatConsumerSessionTimeout(ChassisKafkaProperties properties,
                                                                     KafkaProperties kafkaProperties) {
        return factory -> {
            if (!kafkaProperties.getConsumer().getProperties().containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
                factory.updateConfigs(Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                        (int) properties.sessionTimeout().toMillis()));
            }
        };
    }

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> chatStaticMembership(
            Environment environment) {
        String instanceId = environment.getProperty(INSTANCE_ID_PROPERTY,
                environment.getProperty(INSTANCE_ID_VARIABLE, ""));
        return container -> {
            if (StringUtils.hasText(instanceId)) {
                // The container appends "-<n>" per consumer thread; the listener id keeps two listeners apart.
                container.getContainerProperties().getKafkaConsumerProperties().setProperty(
                        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId(instanceId, container.getListenerId()));
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class Reading {

        @Bean
        @ConditionalOnMissingBean
        ContractRecords contractRecords(JsonMapper jsonMapper) {
            return new ContractRecords(jsonMapper);
        }
    }

    /** Kafka accepts only ASCII letters, digits, '.', '_' and '-' in an instance id (as in a topic name). */
    static String groupInstanceId(String instanceId, String listenerId) {
        return (instanceId + "-" + listenerId).replaceAll("[^a-zA-Z0-9._-]", "_");
    }

    private static BackOff untilItPasses(ChassisKafkaProperties.Retry retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        return backOff;
    }
}
