package com.loyalty.chat.message.sending;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class StoredMessagesTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final StoredMessages stored = new StoredMessages(registry);

    @AfterEach
    void endTheTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void messagesCountOnceTheirTransactionCommits() {
        TransactionSynchronizationManager.initSynchronization();

        stored.stored(3);
        assertThat(count()).isZero();

        TransactionSynchronizationUtils.invokeAfterCommit(TransactionSynchronizationManager.getSynchronizations());
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void messagesOfARolledBackTransactionDoNotCount() {
        TransactionSynchronizationManager.initSynchronization();

        stored.stored(3);
        TransactionSynchronizationUtils.invokeAfterCompletion(TransactionSynchronizationManager.getSynchronizations(),
                TransactionSynchronization.STATUS_ROLLED_BACK);

        assertThat(count()).isZero();
    }

    private double count() {
        return registry.get("chat.messages.stored").counter().count();
    }
}
