package com.loyalty.chat.message.sending;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts messages stored ({@code chat.messages.stored}; its rate is messages per second), once their transaction has
 * committed: a write that rolls back (and is retried) stored nothing.
 */
@Component
class StoredMessages {

    private final Counter counter;

    StoredMessages(MeterRegistry registry) {
        this.counter = Counter.builder("chat.messages.stored")
                .description("Messages stored, REST and WebSocket sends alike (repeats of a temp id not counted)")
                .register(registry);
    }

    void stored(int count) {
        if (count == 0) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            counter.increment(count);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment(count);
            }
        });
    }
}
