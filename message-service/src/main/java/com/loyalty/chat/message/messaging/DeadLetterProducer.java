package com.loyalty.chat.message.messaging;

import com.loyalty.chat.contracts.events.Topics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Sends a poison record to {@code <topic>.dlt} unchanged, with the failure in the headers the recoverer adds. It
 * has its own String-serializing producer: records are consumed as Strings, and the service's JSON serializer
 * would write such a String as a quoted JSON string. (Not a bean of its own, so Boot's template stays in place.)
 */
@Component
class DeadLetterProducer implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, String> producerFactory;
    private final DeadLetterPublishingRecoverer recoverer;

    DeadLetterProducer(KafkaProperties kafkaProperties) {
        this.producerFactory = new DefaultKafkaProducerFactory<>(kafkaProperties.buildProducerProperties(),
                new StringSerializer(), new StringSerializer());
        // Partition -1 lets the producer pick one from the key, so a dead-letter topic needs no matching layout.
        this.recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producerFactory),
                (record, failure) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
    }

    DeadLetterPublishingRecoverer recoverer() {
        return recoverer;
    }

    @Override
    public void destroy() {
        producerFactory.destroy();
    }
}
