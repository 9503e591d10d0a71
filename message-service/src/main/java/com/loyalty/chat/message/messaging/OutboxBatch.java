package com.loyalty.chat.message.messaging;

import java.util.List;

import com.loyalty.chat.contracts.events.MessageEvent;

/**
 * MessageEvents of one transaction, in the order they were announced, stored as one outbox publication. Modulith
 * records the publication's class name ({@code EVENT_TYPE}) to read it back when it republishes, so renaming or
 * moving this record strands publications stored under the old name.
 */
public record OutboxBatch(List<MessageEvent> events) {

    public OutboxBatch {
        events = List.copyOf(events);
    }
}
