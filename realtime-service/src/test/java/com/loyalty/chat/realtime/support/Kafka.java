package com.loyalty.chat.realtime.support;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.localstack.LocalStack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plays the other services' side of Kafka: publishes contract records as JSON text, as they do. */
public final class Kafka {

    public static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private static final KafkaProducer<String, String> PRODUCER = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafkaBootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));

    private Kafka() {
    }

    /** The records {@code topic} receives from now on, values read as JSON trees. */
    public static TopicReader<JsonNode> tail(String topic) {
        return TopicReader.fromNow(LocalStack.shared().kafkaBootstrapServers(), topic, JSON::readTree);
    }

    public static void publish(String topic, String key, Object record) {
        publishText(topic, key, JSON.writeValueAsString(record));
    }

    public static void publishText(String topic, String key, String value) {
        try {
            PRODUCER.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
