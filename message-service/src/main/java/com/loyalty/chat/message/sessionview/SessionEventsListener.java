package com.loyalty.chat.message.sessionview;

import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.SessionEvent.SessionOpened;
import com.loyalty.chat.contracts.events.SessionEvent.SessionRated;
import com.loyalty.chat.contracts.events.SessionEvent.SessionStatusChanged;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.chassis.kafka.ContractRecords;
import com.loyalty.chat.chassis.kafka.PoisonRecordException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps {@code session_view} up to date from session-service's events. */
@Component
class SessionEventsListener {

    private final ContractRecords records;
    private final SessionViews views;

    SessionEventsListener(ContractRecords records, SessionViews views) {
        this.records = records;
        this.views = views;
    }

    @KafkaListener(id = "session-view", topics = Topics.SESSION_EVENTS)
    void onSessionEvent(String json) {
        SessionEvent event = records.read(json, SessionEvent.class, SessionEvent::schemaVersion,
                SessionEvent.SCHEMA_VERSION);
        if (event.sessionId() == null || event.sessionId().isBlank()) {
            throw new PoisonRecordException(event.getClass().getSimpleName() + " " + event.eventId() + " has no sessionId");
        }
        switch (event) {
            case SessionOpened opened -> {
                if (opened.user() == null) {
                    throw new PoisonRecordException("SessionOpened " + opened.eventId() + " has no user");
                }
                views.apply(opened.sessionId(), opened.user().userId(), null, SessionStatus.WAITING,
                        opened.sessionVersion());
            }
            case SessionStatusChanged changed -> {
                if (changed.newStatus() == null) {
                    throw new PoisonRecordException("SessionStatusChanged " + changed.eventId() + " has no newStatus");
                }
                views.apply(changed.sessionId(), changed.userId(),
                        changed.admin() == null ? null : changed.admin().userId(), changed.newStatus(),
                        changed.sessionVersion());
            }
            // A rating changes nothing messages depend on.
            case SessionRated ignored -> {
            }
        }
    }
}
