package com.loyalty.chat.realtime.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import com.loyalty.chat.localstack.LocalStack;

import tools.jackson.databind.JsonNode;

/** The records of one topic from the moment this tail is opened; a plain consumer without a group. */
public final class TopicTail implements AutoCloseable {

    /** A record as a test looks at it. */
    public record Received(String key, JsonNode value) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private TopicTail(String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        // Asking for a topic that does not exist yet creates it; its partitions show up shortly after.
        List<TopicPartition> partitions = Awaitility.await()
                .until(() -> consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList(), found -> !found.isEmpty());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // position() resolves the end now, so records published from here on are all seen.
        partitions.forEach(consumer::position);
    }

    public static TopicTail of(String topic) {
        return new TopicTail(topic);
    }

    /** The first record, among those already seen and those still to come, whose value matches. */
    public Received await(Predicate<Received> matching) {
        return Awaitility.await().pollInSameThread()
                .until(() -> {
                    consumer.poll(Duration.ofMillis(200))
                            .forEach(record -> received.add(readable(record)));
                    return received.stream().filter(matching).findFirst();
                }, Optional::isPresent)
                .orElseThrow();
    }

    /** Every record seen so far, after polling what has arrived. */
    public List<Received> seen() {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> received.add(readable(record)));
        return List.copyOf(received);
    }

    @Override
    public void close() {
        consumer.close();
    }

    private static Received readable(ConsumerRecord<String, String> record) {
        return new Received(record.key(), Kafka.JSON.readTree(record.value()));
    }
}
