package com.loyalty.chat.chassis.kafka;

import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Lets a batch listener handle a poll at once and still never block its partitions on one bad record. When the batch
 * fails for a reason that will not pass, it is handled again one record at a time (each in its own transaction, if
 * the handler opens one): the records before the bad one are handled, and the bad one is reported by its index, so
 * the error handler commits up to it, dead-letters it and redelivers the rest. A transient failure fails the whole
 * batch, which the error handler retries until it passes.
 *
 * <p>Handling a record twice must be harmless (the whole-batch attempt was rolled back, or had done part of its work
 * before it failed): consumers here are idempotent.
 */
public final class BatchPoison {

    private BatchPoison() {
    }

    /** {@code handler} reads and handles the records it is given; it sees all of them first, then one at a time. */
    public static <K, V> void handleIsolatingPoison(List<ConsumerRecord<K, V>> records,
                                                    Consumer<List<ConsumerRecord<K, V>>> handler) {
        try {
            handler.accept(records);
        } catch (RuntimeException failure) {
            if (TransientFailures.isTransient(failure)) {
                throw failure;
            }
            handleOneByOne(records, handler);
        }
    }

    private static <K, V> void handleOneByOne(List<ConsumerRecord<K, V>> records,
                                              Consumer<List<ConsumerRecord<K, V>>> handler) {
        for (int index = 0; index < records.size(); index++) {
            try {
                handler.accept(List.of(records.get(index)));
            } catch (RuntimeException failure) {
                if (TransientFailures.isTransient(failure)) {
                    throw failure;
                }
                throw new BatchListenerFailedException(String.valueOf(failure.getMessage()), failure, index);
            }
        }
    }
}
