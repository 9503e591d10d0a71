package com.loyalty.chat.chassis.outbox;

import java.util.ArrayList;
import java.util.List;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox of the events a service declared ({@link OutboxEvents}). Features announce events inside
 * their transaction; they are written to the {@code outbox} table in that same transaction, so an event exists exactly
 * when the state change it announces does. Just before the transaction commits, its rows are handed to the
 * {@link OutboxRelay}, which sends them to Kafka once the commit has succeeded and deletes them once Kafka has
 * acknowledged them. Rows left behind (the broker was away, the process died) are sent again by the relay; so an event
 * may arrive twice, and consumers dedupe on {@code eventId}.
 *
 * <p>Each event is written as JSON once: the same text is stored in the row and sent as the record's value. The events
 * of one announcement share one row (one insert, one delete) unless they exceed {@code chat.outbox.max-row-chars}, in
 * which case they fill several rows of one multi-row insert; so a transaction announces its events at once where it
 * can.
 */
public final class EventOutbox {

    private final OutboxRows rows;
    private final OutboxRelay relay;
    private final JsonMapper jsonMapper;
    private final OutboxEvents<?> declared;
    private final int maxRowChars;

    EventOutbox(OutboxRows rows, OutboxRelay relay, JsonMapper jsonMapper, OutboxEvents<?> declared,
                OutboxProperties properties) {
        this.rows = rows;
        this.relay = relay;
        this.jsonMapper = jsonMapper;
        this.declared = declared;
        this.maxRowChars = properties.maxRowChars();
    }

    /**
     * Must run inside the transaction whose outcome the events announce: they are committed or dropped with it. The
     * events are of the type the service declared, in the order they are to reach the topic.
     */
    public void announce(List<?> events) {
        // Outside a transaction nobody would hand the rows over, and an insert could not be undone.
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox events must be announced inside a transaction");
        }
        if (events.isEmpty()) {
            return;
        }
        List<List<OutboxRow.Event>> chunks = chunks(events.stream()
                .map(event -> new OutboxRow.Event(declared.keyOf(event), jsonMapper.writeValueAsString(event)))
                .toList());
        List<Long> ids = rows.insert(chunks.stream().map(OutboxRow::storedForm).toList());
        TransactionRows written = currentTransactionRows();
        for (int i = 0; i < chunks.size(); i++) {
            written.add(new OutboxRow(ids.get(i), chunks.get(i)));
        }
    }

    /** Consecutive runs of events whose JSON stays within the row size; an event larger than that gets a row alone. */
    private List<List<OutboxRow.Event>> chunks(List<OutboxRow.Event> events) {
        List<List<OutboxRow.Event>> chunks = new ArrayList<>();
        List<OutboxRow.Event> chunk = new ArrayList<>();
        int size = 0;
        for (OutboxRow.Event event : events) {
            if (!chunk.isEmpty() && size + event.json().length() > maxRowChars) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                size = 0;
            }
            chunk.add(event);
            size += event.json().length() + 1;
        }
        chunks.add(chunk);
        return chunks;
    }

    /**
     * The rows this transaction wrote so far; the first call registers their handover to the relay. (Found among the
     * transaction's synchronizations, which Spring suspends for an inner transaction of its own.)
     */
    private TransactionRows currentTransactionRows() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Handover handover && handover.outbox() == this) {
                return handover.written;
            }
        }
        Handover handover = new Handover(new TransactionRows());
        TransactionSynchronizationManager.registerSynchronization(handover);
        return handover.written;
    }

    /**
     * Queues the rows before the commit, while the transaction still holds the row locks that serialise its keys'
     * transactions: a later transaction of the same key can only queue its rows after this one, so the relay's queue
     * is in commit order for every key. After completion the relay learns whether to send them.
     */
    private final class Handover implements TransactionSynchronization {

        private final TransactionRows written;

        Handover(TransactionRows written) {
            this.written = written;
        }

        EventOutbox outbox() {
            return EventOutbox.this;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            relay.committing(written);
        }

        @Override
        public void afterCompletion(int status) {
            relay.completed(written, status == STATUS_COMMITTED);
        }
    }
}
