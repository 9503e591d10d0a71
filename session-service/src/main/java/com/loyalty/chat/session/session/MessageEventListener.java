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

    private final EventJson json;
    private final MessageActivity activity;

    MessageEventListener(EventJson json, MessageActivity activity) {
        this.json = json;
        this.activity = activity;
    }

    @KafkaListener(topics = Topics.MESSAGE_EVENTS)
    void on(String record) {
        MessageEvent event = json.read(record, MessageEvent.class);
        if (event.schemaVersion() != MessageEvent.SCHEMA_VERSION) {
            // The contract: a consumer meeting a schema version it does not know must not guess.
            throw new PoisonRecordException("Unsupported schemaVersion " + event.schemaVersion());
        }
        switch (event) {
            case MessageEvent.MessageStored stored -> activity.messageStored(complete(stored));
            case MessageEvent.MessageRejected _, MessageEvent.MessagesRead _ -> {
                // nothing in a session's state depends on these yet
            }
        }
    }

    /** Missing parts would fail the same way on every retry, so they make the record poison at once. */
    private static MessageEvent.MessageStored complete(MessageEvent.MessageStored stored) {
        if (stored.eventId() == null || stored.sessionId() == null || stored.occurredAt() == null
                || stored.senderType() == null) {
            throw new PoisonRecordException("MessageStored without eventId, sessionId, occurredAt or senderType");
        }
        return stored;
    }
}
