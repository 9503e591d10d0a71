package com.loyalty.chat.chassis.kafka;

import java.net.ConnectException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure that passes by itself (the database or the broker is away, a lock wait, a deadlock) from one that
 * the same record will meet again however often it is tried (a constraint, a value out of range, a bug). Only the
 * first kind is worth retrying: retrying the second blocks a partition forever.
 */
public final class TransientFailures {

    private static final List<Class<? extends Throwable>> TRANSIENT = List.of(
            TransientDataAccessException.class,
            DataAccessResourceFailureException.class,
            RecoverableDataAccessException.class,
            CannotCreateTransactionException.class,
            SQLTransientException.class,
            SQLRecoverableException.class,
            ConnectException.class,
            RetriableException.class);

    private TransientFailures() {
    }

    /**
     * True when {@code failure} or any of its causes is of a transient kind. A rollback that failed (its connection
     * was lost with the database) hides the failure that called for it: that one is looked at too, since a plain
     * {@code SQLException("Connection is closed")} from the rollback says nothing about the record.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            Throwable current = cause;
            if (TRANSIENT.stream().anyMatch(kind -> kind.isInstance(current))) {
                return true;
            }
            if (current instanceof TransactionSystemException failedRollback
                    && failedRollback.getApplicationException() != null
                    && isTransient(failedRollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }
}
