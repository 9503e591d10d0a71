package com.loyalty.chat.chassis.jdbc;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tells the events of a batch delivered for the first time from redeliveries, by the {@code processed_events} table
 * (an {@code event_id} key and a {@code processed_at} time) that a consuming service writes in the same transaction as
 * the change an event causes. Two statements per batch: the ids already recorded, then one insert of the others.
 *
 * <p>{@code event_id} is {@code utf8mb4_bin}, a PAD SPACE collation: ids differing only in trailing spaces are one id
 * to the database, so they are one id here too ({@link #key}); otherwise the second of them would look like an id
 * recorded meanwhile by someone else.
 *
 * <p>What to do when another consumer recorded some of the ids meanwhile (a batch taken over during a rebalance) is
 * the caller's policy: {@link Batch#recordedMeanwhile()} says how many.
 */
public final class FirstDeliveries {

    private FirstDeliveries() {
    }

    /**
     * Records the ids of {@code events} not recorded before and answers those events, each id once (the first event
     * carrying it), in their order. Run it inside the transaction that applies them.
     *
     * @param processedAt the time to record, or null for the column's default
     */
    public static <E> Batch<E> record(JdbcClient jdbc, List<E> events, Function<E, String> eventId,
                                      @Nullable Instant processedAt) {
        Map<String, E> byKey = new LinkedHashMap<>();
        events.forEach(event -> byKey.putIfAbsent(key(eventId.apply(event)), event));
        if (byKey.isEmpty()) {
            return new Batch<>(List.of(), 0);
        }
        Set<String> known = new HashSet<>();
        jdbc.sql("SELECT event_id FROM processed_events WHERE event_id IN (:eventIds)")
                .param("eventIds", byKey.values().stream().map(eventId).toList())
                .query(String.class)
                .list()
                .forEach(id -> known.add(key(id)));
        byKey.keySet().removeAll(known);
        if (byKey.isEmpty()) {
            return new Batch<>(List.of(), 0);
        }
        List<E> fresh = List.copyOf(byKey.values());
        int recorded = processedAt == null
                ? jdbc.sql("INSERT IGNORE INTO processed_events (event_id) VALUES :rows")
                        .param("rows", fresh.stream().map(event -> new Object[] {eventId.apply(event)}).toList())
                        .update()
                : jdbc.sql("INSERT IGNORE INTO processed_events (event_id, processed_at) VALUES :rows")
                        .param("rows", fresh.stream().map(event -> new Object[] {eventId.apply(event), processedAt})
                                .toList())
                        .update();
        return new Batch<>(fresh, recorded);
    }

    /** The id as the database compares it: trailing spaces do not count. */
    public static String key(String eventId) {
        return eventId.endsWith(" ") ? eventId.replaceAll(" +$", "") : eventId;
    }

    /**
     * The events found unrecorded, and how many of their ids the insert recorded: fewer when another consumer
     * recorded some of them meanwhile, and then which ones is unknown.
     */
    public record Batch<E>(List<E> fresh, int recorded) {

        public int recordedMeanwhile() {
            return fresh.size() - recorded;
        }
    }
}
