package com.loyalty.chat.session.messaging;

import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.loyalty.chat.chassis.outbox.EventOutbox;
import com.loyalty.chat.contracts.events.SessionEvent;

/**
 * Writes every {@link SessionEvent} the lifecycle publishes to the outbox, in the publishing transaction: the event is
 * committed or rolled back with the change it announces (the lifecycle publishes only inside its transactions, with
 * the session's row locked, which keeps each session's events in commit order for the relay). The same publication
 * reaches the service's in-process listeners (assignment).
 */
@Component
class SessionEventsToOutbox {

    private final EventOutbox outbox;

    SessionEventsToOutbox(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(SessionEvent event) {
        outbox.announce(List.of(event));
    }
}
