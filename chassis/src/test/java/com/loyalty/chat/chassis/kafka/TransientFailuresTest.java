package com.loyalty.chat.chassis.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.TransactionSystemException;

class TransientFailuresTest {

    @Test
    void aDatabaseThatCannotBeReachedIsTransient() {
        assertThat(TransientFailures.isTransient(new CannotGetJdbcConnectionException("down",
                new SQLTransientConnectionException("timeout")))).isTrue();
    }

    @Test
    void aLockWaitOrDeadlockIsTransient() {
        assertThat(TransientFailures.isTransient(new CannotAcquireLockException("deadlock"))).isTrue();
    }

    @Test
    void aBrokerTimeoutIsTransient() {
        assertThat(TransientFailures.isTransient(new TimeoutException("no broker"))).isTrue();
    }

    @Test
    void aTransientCauseIsFoundBehindTheListenerWrapper() {
        assertThat(TransientFailures.isTransient(new ListenerExecutionFailedException("failed",
                new IllegalStateException("wrapped", new CannotAcquireLockException("deadlock"))))).isTrue();
    }

    @Test
    void aLostConnectionIsTransientWhenTheRollbackItCalledForFailedToo() {
        assertThat(TransientFailures.isTransient(failedRollbackAfter(
                new RecoverableDataAccessException("Communications link failure")))).isTrue();
    }

    @Test
    void aFailedRollbackAfterAConstraintViolationIsNotTransient() {
        assertThat(TransientFailures.isTransient(failedRollbackAfter(new DuplicateKeyException("k1 vs K1"))))
                .isFalse();
    }

    @Test
    void aConstraintViolationIsNotTransient() {
        assertThat(TransientFailures.isTransient(new DuplicateKeyException("k1 vs K1"))).isFalse();
        assertThat(TransientFailures.isTransient(new DataIntegrityViolationException("out of range"))).isFalse();
    }

    @Test
    void aBugIsNotTransient() {
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("unsupported schemaVersion 9")))
                .isFalse();
    }

    /** What Spring throws when the rollback that {@code failure} called for fails too: the rollback's own failure. */
    private static TransactionSystemException failedRollbackAfter(RuntimeException failure) {
        TransactionSystemException failedRollback = new TransactionSystemException(
                "Could not roll back JDBC transaction", new SQLException("Connection is closed"));
        failedRollback.initApplicationException(failure);
        return failedRollback;
    }
}
