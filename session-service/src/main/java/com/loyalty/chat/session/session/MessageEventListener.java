package com.loyalty.chat.session.session;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.session.messaging.EventJson;
import com.loyalty.chat.session.messaging.PoisonRecordException;

/** Follows message-service's events; the group is this service's, so each event is handled once per service. */
@Component
class MessageEventListener {

    /** The width of {@code processed_events.event_id}. */
    private static final int MAX_EVENT_ID = 64;

    private final EventJson json;
    private final MessageActivity activity;

    MessageEventListener(EventJson json, MessageActivity activity) {
        this.json = json;
        this.activity = activity;
    }

    @KafkaListener(id = "message-events", idIsGroup = false, topics = Topics.MESSAGE_EVENTS)
    void on(String record) {
        MessageEvent event = json.read(record, MessageEvent.class);
        if (event.schemaVersion() != MessageEvent.SCHEMA_VERSION) {
            // The contract: a consumer meeting a schema version it does not know must not guess.
            throw new PoisonRecordException("Unsupported schemaVersion " + event.schemaVersion());
        }
        if (event.eventId() == null || event.sessionId() == null) {
            throw new PoisonRecordException(event.getClass().getSimpleName() + " without eventId or sessionId");
        }
        if (event.eventId().length() > MAX_EVENT_ID) {
            // Kept, it would be cut to the column's width, and two ids sharing a prefix would count as one event.
            throw new PoisonRecordException(event.getClass().getSimpleName() + " with an eventId longer than "
                    + MAX_EVENT_ID);
        }
        switch (event) {
            case MessageEvent.MessageStored stored -> activity.messageStored(complete(stored));
            case MessageEvent.MessagesRead read -> activity.messagesRead(complete(read));
            case MessageEvent.MessageRejected _ -> {
                // a refused message never existed as far as sessions are concerned
            }
        }
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
