package com.loyalty.chat.session.messaging;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.events.Topics;

/**
 * Sends poison records to {@code <topic>.dlt} exactly as they arrived, the failure in its headers. The application's
 * producer writes JSON, which would wrap a consumed string in quotes, so dead letters get a string-serializing
 * template of their own. That template is not a bean: a second {@code KafkaTemplate} bean would switch off Boot's and
 * leave the outbox externalizer with two to choose from.
 */
@Component
class DeadLetterPublishing implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublishing.class);

    private final KafkaTemplate<Object, Object> template;

    DeadLetterPublishing(ProducerFactory<Object, Object> producerFactory) {
        this.template = new KafkaTemplate<>(producerFactory,
                Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** Same key, so the dead letters of one session stay in order; the partition is left to the key. */
    ConsumerAwareRecordRecoverer recoverer() {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
        return (record, consumer, failure) -> {
            log.warn("Dead-lettering {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
                    record.key(), NestedExceptionUtils.getMostSpecificCause(failure).getMessage());
            publisher.accept(record, consumer, failure);
        };
    }

    @Override
    public void destroy() {
        template.destroy();
    }
}
