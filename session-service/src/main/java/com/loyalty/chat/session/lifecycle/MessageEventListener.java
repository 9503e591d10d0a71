package com.loyalty.chat.session.lifecycle;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.loyalty.chat.chassis.kafka.BatchPoison;
import com.loyalty.chat.chassis.kafka.ContractRecords;
import com.loyalty.chat.chassis.kafka.PoisonRecordException;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.Topics;

/**
 * Follows message-service's events; the group is this service's, so each event is handled once per service. A poll is
 * applied in one transaction ({@link MessageActivity#apply}). A record that cannot be read or applied is dead-lettered
 * and the rest of its poll is applied ({@link BatchPoison}); a database that is away fails the whole poll, which is
 * retried until it answers again, so no event is ever skipped.
 */
@Component
class MessageEventListener {

    /** The width of {@code processed_events.event_id}. */
    private static final int MAX_EVENT_ID = 64;

    private final ContractRecords records;
    private final MessageActivity activity;

    MessageEventListener(ContractRecords records, MessageActivity activity) {
        this.records = records;
        this.activity = activity;
    }

    /** The listener id names the consumers in their group (static membership), so it stays as it was. */
    @KafkaListener(id = "message-events", idIsGroup = false, topics = Topics.MESSAGE_EVENTS, batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        BatchPoison.handleIsolatingPoison(records,
                batch -> activity.apply(batch.stream().map(record -> read(record.value())).toList()));
    }

    private MessageEvent read(String record) {
        MessageEvent event = records.read(record, MessageEvent.class, MessageEvent::schemaVersion,
                MessageEvent.SCHEMA_VERSION);
        if (event.eventId() == null || event.sessionId() == null) {
            throw new PoisonRecordException(event.getClass().getSimpleName() + " without eventId or sessionId");
        }
        if (event.eventId().length() > MAX_EVENT_ID) {
            // Kept, it would be cut to the column's width, and two ids sharing a prefix would count as one event.
            throw new PoisonRecordException(event.getClass().getSimpleName() + " with an eventId longer than "
                    + MAX_EVENT_ID);
        }
        return switch (event) {
            case MessageEvent.MessageStored stored -> complete(stored);
            case MessageEvent.MessagesRead read -> complete(read);
            case MessageEvent.MessageRejected rejected -> rejected;
        };
    }

    /** Missing parts would fail the same way on every retry, so they make the record poison at once. */
    private static MessageEvent.MessageStored complete(MessageEvent.MessageStored stored) {
        if (stored.occurredAt() == null || stored.senderType() == null) {
            throw new PoisonRecordException("MessageStored without occurredAt or senderType");
        }
        return stored;
    }

    private static MessageEvent.MessagesRead complete(MessageEvent.MessagesRead read) {
        if (read.readerType() == null) {
            throw new PoisonRecordException("MessagesRead without readerType");
        }
        return read;
    }
}
