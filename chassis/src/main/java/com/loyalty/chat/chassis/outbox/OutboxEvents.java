package com.loyalty.chat.chassis.outbox;

import java.util.function.Function;

/**
 * What a service relays through its outbox: the events of one contract type, to one topic, each keyed so that the
 * events that must stay in order share a partition. A service declares one as a bean; the chassis then provides the
 * {@link EventOutbox} and its relay.
 *
 * @param <E> the contract type; its JSON (with its type id, for a polymorphic type) is what the topic carries
 */
public final class OutboxEvents<E> {

    private final String topic;
    private final Class<E> type;
    private final Function<? super E, String> key;

    private OutboxEvents(String topic, Class<E> type, Function<? super E, String> key) {
        this.topic = topic;
        this.type = type;
        this.key = key;
    }

    /** Events of {@code type} go to {@code topic}, each with the record key {@code key} gives it. */
    public static <E> OutboxEvents<E> to(String topic, Class<E> type, Function<? super E, String> key) {
        return new OutboxEvents<>(topic, type, key);
    }

    String topic() {
        return topic;
    }

    Class<E> type() {
        return type;
    }

    /** The record key of an event; one of another type is a programming error. */
    String keyOf(Object event) {
        return key.apply(type.cast(event));
    }
}
