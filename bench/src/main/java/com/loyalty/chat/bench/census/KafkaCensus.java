package com.loyalty.chat.bench.census;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records each topic received: the sum of its partitions' log end offsets, read before and after a window.
 * Internal topics count too: {@code __consumer_offsets} receives the consumers' offset commits.
 */
public final class KafkaCensus implements AutoCloseable {

    private final Admin admin;

    public KafkaCensus(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "bench-census"));
    }

    /** Records written so far, by topic. */
    public Map<String, Long> endOffsets() {
        try {
            var topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get().values()
                    .stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
            Map<String, Long> records = new TreeMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) ->
                    records.merge(partition.topic(), info.offset(), Long::sum));
            return records;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the topics' offsets", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the topics' offsets", e);
        }
    }

    /**
     * How far each consumer group is behind: records on the partitions it has committed offsets for, past those
     * offsets. Groups with nothing to read are left out.
     */
    public Map<String, Long> lagByGroup() {
        try {
            Map<String, Map<TopicPartition, Long>> committed = new TreeMap<>();
            for (var group : admin.listConsumerGroups().all().get()) {
                Map<TopicPartition, Long> offsets = new HashMap<>();
                admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get()
                        .forEach((partition, offset) -> {
                            if (offset != null) {
                                offsets.put(partition, offset.offset());
                            }
                        });
                committed.put(group.groupId(), offsets);
            }
            Map<TopicPartition, OffsetSpec> latest = committed.values().stream()
                    .flatMap(offsets -> offsets.keySet().stream())
                    .distinct()
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            Map<String, Long> lag = new TreeMap<>();
            committed.forEach((group, offsets) -> {
                long behind = offsets.entrySet().stream()
                        .mapToLong(entry -> Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue()))
                        .sum();
                if (behind > 0) {
                    lag.put(group, behind);
                }
            });
            return lag;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the consumer groups' offsets", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the consumer groups' offsets", e);
        }
    }

    /** Waits until no consumer group is behind, for at most {@code patience}; returns what is still behind. */
    public Map<String, Long> awaitCaughtUp(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Map<String, Long> lag = lagByGroup();
        while (!lag.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            lag = lagByGroup();
        }
        return lag;
    }

    /** Records per topic written between two readings (topics that appeared meanwhile count from zero). */
    public static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> written = new TreeMap<>();
        after.forEach((topic, offset) -> {
            long delta = offset - before.getOrDefault(topic, 0L);
            if (delta > 0) {
                written.put(topic, delta);
            }
        });
        return written;
    }

    @Override
    public void close() {
        admin.close();
    }
}
