package com.loyalty.chat.chassis.outbox;

import java.util.List;

/**
 * An outbox row as the relay sends it: its id and its events, each already written as the JSON that goes to Kafka.
 *
 * @param id     the row's id in {@code outbox}
 * @param events in the order they were announced
 */
record OutboxRow(long id, List<Event> events) {

    OutboxRow {
        events = List.copyOf(events);
    }

    /**
     * One event, encoded once.
     *
     * @param key  the record key: the events of one key stay in one partition, in order
     * @param json the record value
     */
    record Event(String key, String json) {
    }

    /** The row's stored form, {@code {"events": [...]}}: the JSON of each event, as it is sent. */
    static String storedForm(List<Event> events) {
        StringBuilder json = new StringBuilder(events.stream().mapToInt(event -> event.json().length() + 1).sum() + 13);
        json.append("{\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(events.get(i).json());
        }
        return json.append("]}").toString();
    }
}
