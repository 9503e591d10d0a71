package com.loyalty.chat.bench.messages;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What happened to each message of a run. Message {@code seq} is due at {@link #dueAt}: a fixed schedule, decided
 * before the run, so a latency counts from when the message should have left, not from when a backed-up sender got
 * round to it (no coordinated omission). Its {@code tempMessageId} carries {@code seq}, which is how the
 * acknowledgement and the admin's copy are matched to it.
 *
 * <p>Histograms hold microseconds; callbacks arrive on many threads.
 */
final class Measurement {

    private final long startNanos;
    /** The wall clock at {@code startNanos}, to compare due times with the servers' {@code createdAt}. */
    private final long startEpochMicros;
    private final double intervalNanos;
    /** When the first measured message is due: right after the warm-up, unless a census moved it later. */
    private volatile long measuredStartNanos;
    private final int total;
    private final int measuredFrom;
    private final String tempPrefix;

    private final AtomicIntegerArray delivered;
    private final AtomicIntegerArray acknowledged;
    final Histogram delivery = histogram();
    final Histogram acknowledgement = histogram();
    final Histogram senderLateness = histogram();
    /** The two halves of the delivery latency, split at the message's {@code createdAt} (ms, wall clock). */
    final Histogram dueToStored = histogram();
    final Histogram storedToDelivered = histogram();
    final LongAdder duplicates = new LongAdder();
    /** Messages (of any due time) the admin received between the first and the last measured due time. */
    final LongAdder receivedInWindow = new LongAdder();
    final Map<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();

    Measurement(long startNanos, double rate, int warmupMessages, int measuredMessages, String tempPrefix) {
        this.startNanos = startNanos;
        Instant now = Instant.now();
        this.startEpochMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000
                + (startNanos - System.nanoTime()) / 1000;
        this.intervalNanos = 1e9 / rate;
        this.measuredStartNanos = startNanos + (long) (warmupMessages * intervalNanos);
        this.measuredFrom = warmupMessages;
        this.total = warmupMessages + measuredMessages;
        this.tempPrefix = tempPrefix;
        this.delivered = new AtomicIntegerArray(total);
        this.acknowledged = new AtomicIntegerArray(total);
    }

    private static Histogram histogram() {
        // Auto-resizing, three significant digits: microseconds up to whatever the run produces.
        return new ConcurrentHistogram(3);
    }

    int total() {
        return total;
    }

    int measuredFrom() {
        return measuredFrom;
    }

    long dueAt(int seq) {
        return seq < measuredFrom ? startNanos + (long) (seq * intervalNanos)
                : measuredStartNanos + (long) ((seq - measuredFrom) * intervalNanos);
    }

    /**
     * Moves the measured messages' schedule to start at {@code nanos}: a census lets the warm-up's messages settle
     * first, so that what it counts belongs to the measured messages alone. Call before sending any of them.
     */
    void startMeasuredPhaseAt(long nanos) {
        measuredStartNanos = nanos;
    }

    String tempMessageId(int seq) {
        return tempPrefix + seq;
    }

    boolean measured(int seq) {
        return seq >= measuredFrom;
    }

    void sent(int seq, long sentAtNanos) {
        if (measured(seq)) {
            senderLateness.recordValue(Math.max(0, sentAtNanos - dueAt(seq)) / 1000);
        }
    }

    /** A frame on a sending user's socket: the acknowledgement, or a refusal. */
    void onUserFrame(String frame, long receivedAt) {
        String type = Frames.type(frame);
        if ("message_sent".equals(type)) {
            int seq = seqOf(Frames.field(frame, "tempMessageId"));
            if (seq >= 0 && acknowledged.getAndIncrement(seq) == 0 && measured(seq)) {
                acknowledgement.recordValue(Math.max(0, receivedAt - dueAt(seq)) / 1000);
            }
        } else if ("error".equals(type)) {
            String code = Frames.number(frame, "code");
            errorsByCode.computeIfAbsent(code == null ? "?" : code, key -> new LongAdder()).increment();
        }
    }

    /** A frame on the admin's socket: a user's message arriving. */
    void onAdminFrame(String frame, long receivedAt) {
        if (!"new_message".equals(Frames.type(frame))) {
            return;
        }
        int seq = seqOf(Frames.field(frame, "tempMessageId"));
        if (seq < 0) {
            return;
        }
        if (receivedAt >= dueAt(measuredFrom) && receivedAt < dueAt(total)) {
            receivedInWindow.increment();
        }
        if (delivered.getAndIncrement(seq) == 0) {
            if (measured(seq)) {
                long latency = Math.max(0, receivedAt - dueAt(seq)) / 1000;
                delivery.recordValue(latency);
                split(seq, Frames.field(frame, "createdAt"), latency);
            }
        } else if (measured(seq)) {
            duplicates.increment();
        }
    }

    /** Where the message spent its time: before it was stored, and after. Only as precise as createdAt (1 ms). */
    private void split(int seq, String createdAt, long latencyMicros) {
        if (createdAt == null) {
            return;
        }
        try {
            Instant stored = Instant.parse(createdAt);
            long dueEpochMicros = startEpochMicros + (dueAt(seq) - startNanos) / 1000;
            long beforeStored = stored.getEpochSecond() * 1_000_000 + stored.getNano() / 1000 - dueEpochMicros;
            long clamped = Math.clamp(beforeStored, 0, latencyMicros);
            dueToStored.recordValue(clamped);
            storedToDelivered.recordValue(latencyMicros - clamped);
        } catch (DateTimeParseException notATime) {
            // A server that writes another time format only loses the split, not the latency.
        }
    }

    private int seqOf(String tempMessageId) {
        if (tempMessageId == null || !tempMessageId.startsWith(tempPrefix)) {
            return -1;
        }
        try {
            int seq = Integer.parseInt(tempMessageId, tempPrefix.length(), tempMessageId.length(), 10);
            return seq < total ? seq : -1;
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }

    /** Measured messages the admin has not received (yet). */
    int undelivered() {
        return countZeros(delivered, measuredFrom, total);
    }

    /** Warm-up messages not both acknowledged and received (yet). */
    int warmupInFlight() {
        return countZeros(delivered, 0, measuredFrom) + countZeros(acknowledged, 0, measuredFrom);
    }

    /** Measured messages without a {@code message_sent} (yet). */
    int unacknowledged() {
        return countZeros(acknowledged, measuredFrom, total);
    }

    /** Of every message sent, warm-up included: how many reached the admin. */
    int deliveredOverall() {
        int count = 0;
        for (int seq = 0; seq < total; seq++) {
            if (delivered.get(seq) > 0) {
                count++;
            }
        }
        return count;
    }

    private static int countZeros(AtomicIntegerArray counts, int from, int to) {
        int zeros = 0;
        for (int seq = from; seq < to; seq++) {
            if (counts.get(seq) == 0) {
                zeros++;
            }
        }
        return zeros;
    }

    long errors() {
        return errorsByCode.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
