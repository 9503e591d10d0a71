package com.loyalty.chat.session.session;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.StatusChangeReason;
import com.loyalty.chat.contracts.events.UserProfile;
import com.loyalty.chat.session.identity.UserDirectory;

/** What stored messages mean for their session: its last message time, and an admin's reply activating it. */
@Service
class MessageActivity {


    private static final Logger log = LoggerFactory.getLogger(MessageActivity.class);

    private final CustomerSessionRepository sessions;
    private final ProcessedEvents processed;
    private final UserDirectory users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MessageActivity(CustomerSessionRepository sessions, ProcessedEvents processed, UserDirectory users,
                    ApplicationEventPublisher events, Clock clock) {
        this.sessions = sessions;
        this.processed = processed;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    void messageStored(MessageEvent.MessageStored message) {
        if (!processed.firstDelivery(message.eventId())) {
            return;
        }
        sessions.findById(message.sessionId()).ifPresentOrElse(
                session -> apply(session, message),
                () -> log.warn("Message {} belongs to unknown session {}; ignored", message.messageId(),
                        message.sessionId()));
    }

    private void apply(CustomerSession session, MessageEvent.MessageStored message) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        session.messageStoredAt(message.occurredAt().truncatedTo(ChronoUnit.MILLIS), now);
        if (message.senderType() != SenderType.ADMIN) {
            return;
        }
        session.answeredBy(message.senderId(), now).ifPresent(change -> {
            // Flushing first makes the version in the event the one the row now has.
            sessions.saveAndFlush(session);
            events.publishEvent(
                    SessionEvents.statusChanged(session, change, adminProfile(message),
                            StatusChangeReason.ADMIN_REPLIED, now));
        });
    }

    private UserProfile adminProfile(MessageEvent.MessageStored message) {
        return users.find(message.senderId()).orElseGet(() ->
                new UserProfile(message.senderId(), message.senderNickname(), message.senderAvatar(), null));
    }
}
