package com.loyalty.chat.chassis.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

import com.loyalty.chat.contracts.events.Topics;

/**
 * Sends a record that can never be handled to {@code <topic>.dlt} exactly as it arrived, keyed as before, with the
 * failure in the headers the recoverer adds. Records are consumed as strings, and a service's JSON serializer would
 * quote such a string, so dead letters have a string producer of their own (not a bean: a second template bean would
 * switch off Boot's).
 */
public final class DeadLetters implements ConsumerAwareRecordRecoverer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DefaultKafkaProducerFactory<String, String> producerFactory;
    private final DeadLetterPublishingRecoverer publisher;

    DeadLetters(KafkaProperties kafkaProperties) {
        this.producerFactory = new DefaultKafkaProducerFactory<>(kafkaProperties.buildProducerProperties(),
                new StringSerializer(), new StringSerializer());
        // Partition -1 lets the producer pick one from the key: a dead-letter topic needs no matching layout.
        this.publisher = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producerFactory),
                (record, failure) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception failure) {
        log.warn("Dead-lettering {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
                record.key(), NestedExceptionUtils.getMostSpecificCause(failure).toString());
        publisher.accept(record, consumer, failure);
    }

    @Override
    public void destroy() {
        producerFactory.destroy();
    }
}
