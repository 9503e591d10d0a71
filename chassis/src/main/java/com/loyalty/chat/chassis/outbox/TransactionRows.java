package com.loyalty.chat.chassis.outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The outbox rows one transaction wrote, as {@link EventOutbox} hands them to the {@link OutboxRelay}: in the queue
 * from just before the commit, so that the queue's order is commit order (see {@link OutboxRelay}), and sendable once
 * the commit is known to have succeeded.
 */
final class TransactionRows {

    enum Outcome {
        /** Handed over, the commit not finished yet. */
        COMMITTING,
        COMMITTED,
        /** Rolled back, or the commit's outcome is unknown: the relay leaves the rows, if any, to resubmission. */
        NOT_COMMITTED
    }

    private final List<OutboxRow> rows = new ArrayList<>();
    private volatile Outcome outcome = Outcome.COMMITTING;
    /** When the relay got the rows ({@link System#nanoTime()}); 0 while the transaction runs. */
    private volatile long handedOverAt;

    void add(OutboxRow row) {
        rows.add(row);
    }

    List<OutboxRow> rows() {
        return rows;
    }

    Outcome outcome() {
        return outcome;
    }

    void settle(boolean committed) {
        outcome = committed ? Outcome.COMMITTED : Outcome.NOT_COMMITTED;
    }

    boolean handedOver() {
        return handedOverAt != 0;
    }

    long handedOverAt() {
        return handedOverAt;
    }

    void handOver(long nanoTime) {
        handedOverAt = nanoTime == 0 ? 1 : nanoTime;
    }
}
