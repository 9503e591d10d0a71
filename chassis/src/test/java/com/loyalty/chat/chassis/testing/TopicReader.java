package com.loyalty.chat.chassis.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic the way any consumer of the contract would, as strings, outside any consumer group, so it disturbs
 * no service's offsets; tests pick their records out by their own ids. A value reader turns each value into what the
 * test looks at (a JSON tree, say); keys, headers and offsets stay as they came.
 *
 * @param <V> what a record's value is read into
 */
public final class TopicReader<V> implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final KafkaConsumer<String, String> consumer;
    private final Function<String, V> valueReader;
    private final List<ConsumerRecord<String, V>> received = new CopyOnWriteArrayList<>();

    private TopicReader(String bootstrapServers, String topic, boolean fromBeginning,
                        Function<String, V> valueReader) {
        this.valueReader = valueReader;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        // Asking for a topic that does not exist yet creates it; its partitions show up shortly after.
        List<TopicPartition> partitions = await().atMost(PATIENCE).pollInSameThread()
                .until(() -> consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList(), found -> !found.isEmpty());
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
            // position() resolves the end now, so records published from here on are all seen.
            partitions.forEach(consumer::position);
        }
    }

    /** Every record the topic holds and will receive, values as the strings they were sent as. */
    public static TopicReader<String> fromBeginning(String bootstrapServers, String topic) {
        return new TopicReader<>(bootstrapServers, topic, true, Function.identity());
    }

    /** The records published from now on, each value read by {@code valueReader}. */
    public static <V> TopicReader<V> fromNow(String bootstrapServers, String topic, Function<String, V> valueReader) {
        return new TopicReader<>(bootstrapServers, topic, false, valueReader);
    }

    /** The first record, among those already read and those still to come, that matches. */
    public ConsumerRecord<String, V> awaitRecord(Predicate<ConsumerRecord<String, V>> matching) {
        return awaitRecords(1, matching).getFirst();
    }

    /** Waits until {@code count} records match and returns them all, in the order each partition delivered them. */
    public List<ConsumerRecord<String, V>> awaitRecords(int count, Predicate<ConsumerRecord<String, V>> matching) {
        return await().atMost(PATIENCE).pollInSameThread()
                .until(() -> received().stream().filter(matching).toList(), found -> found.size() >= count);
    }

    /** Every record read so far, after reading what has arrived. */
    public List<ConsumerRecord<String, V>> received() {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> received.add(readable(record)));
        return List.copyOf(received);
    }

    @Override
    public void close() {
        consumer.close();
    }

    private ConsumerRecord<String, V> readable(ConsumerRecord<String, String> record) {
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(),
                record.value() == null ? null : valueReader.apply(record.value()), record.headers(),
                record.leaderEpoch());
    }
}
