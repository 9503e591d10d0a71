package com.loyalty.chat.message.messaging;

import java.util.List;

import com.loyalty.chat.contracts.events.MessageEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox of {@link MessageEvent}s. Features announce events inside their transaction; Spring
 * Modulith's event publication registry stores them in {@code EVENT_PUBLICATION} in that same transaction, and after
 * commit {@link KafkaRelay} sends them to Kafka. Publications left incomplete (the broker was away, the process died)
 * are sent again on restart and by {@link OutboxResubmission}; so an event may arrive twice, and consumers dedupe on
 * {@code eventId}.
 *
 * <p>The registry's cost is per publication: an insert in the transaction, then a "processing" update and a delete,
 * each committed on its own. So events are stored in publications of up to
 * {@code chat.message.messaging.outbox.events-per-publication}, not one each: a poll of 500 commands costs five
 * publications instead of 500.
 */
@Component
public class EventOutbox {

    private final ApplicationEventPublisher publisher;
    private final MessagingProperties properties;

    EventOutbox(ApplicationEventPublisher publisher, MessagingProperties properties) {
        this.publisher = publisher;
        this.properties = properties;
    }

    /** Must run inside the transaction whose outcome the events announce: they are committed or dropped with it. */
    public void announce(List<? extends MessageEvent> events) {
        // Outside a transaction the registry would store nothing and the events would silently never be sent.
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("MessageEvents must be announced inside a transaction");
        }
        int size = properties.outbox().eventsPerPublication();
        for (int from = 0; from < events.size(); from += size) {
            publisher.publishEvent(new OutboxBatch(List.copyOf(events.subList(from, Math.min(events.size(), from + size)))));
        }
    }
}
