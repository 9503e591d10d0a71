package com.loyalty.chat.session.session;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.SenderType;

/**
 * What message-service's events mean for their session: the list's read model (last message, counts), and an admin's
 * reply activating it. Each event counts once (its id is remembered in the same transaction); the last message only
 * moves forward by sequence, and counts are sums, so order of arrival does not matter.
 *
 * <p>Consistency window: message-service accepts a reply against its own view of the session, which lags this service
 * by the event latency. A reply can therefore arrive for a session another admin took meanwhile (or that was closed):
 * it is logged as that admin's reply, with a note, and the session stays as it is.
 */
@Service
class MessageActivity {

    private static final Logger log = LoggerFactory.getLogger(MessageActivity.class);

    private final SessionStore store;
    private final ProcessedEvents processed;
    private final SessionTransitions transitions;
    private final Clock clock;

    MessageActivity(SessionStore store, ProcessedEvents processed, SessionTransitions transitions, Clock clock) {
        this.store = store;
        this.processed = processed;
        this.transitions = transitions;
        this.clock = clock;
    }

    @Transactional
    void messageStored(MessageEvent.MessageStored message) {
        if (!processed.firstDelivery(message.eventId())) {
            return;
        }
        Instant now = clock.instant();
        if (!store.recordMessage(message, now)) {
            log.warn("Message {} belongs to unknown session {}; ignored", message.messageId(), message.sessionId());
            return;
        }
        if (message.senderType() == SenderType.ADMIN) {
            CustomerSession session = store.lock(message.sessionId()).orElseThrow();
            session.answeredBy(message.senderId(), now).ifPresentOrElse(
                    change -> transitions.apply(change, message.messageId()),
                    () -> transitions.logReply(session, message.senderId(), message.messageId()));
        }
    }

    /** Only the admin side's reading changes the list's unread count (user messages the admins have not read). */
    @Transactional
    void messagesRead(MessageEvent.MessagesRead read) {
        if (read.readerType() != SenderType.ADMIN || read.messageIds() == null || read.messageIds().isEmpty()
                || !processed.firstDelivery(read.eventId())) {
            return;
        }
        if (!store.recordRead(read.sessionId(), read.messageIds().size(), clock.instant())) {
            log.warn("Read receipt {} belongs to unknown session {}; ignored", read.eventId(), read.sessionId());
        }
    }
}
