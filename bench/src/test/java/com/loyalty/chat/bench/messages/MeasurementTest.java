package com.loyalty.chat.bench.messages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeasurementTest {

    private static String frame(String type, String tempMessageId) {
        return "{\"type\":\"" + type + "\",\"data\":{\"tempMessageId\":\"" + tempMessageId + "\"}}";
    }

    @Test
    void latencyCountsFromTheScheduledTimeAndRepeatsAreDuplicates() {
        // 1000 msg/s: one warm-up message, then two measured ones due at start + 1 ms and start + 2 ms.
        long start = 1_000_000_000L;
        Measurement run = new Measurement(start, 1000, 1, 2, "t-");
        assertThat(run.dueAt(2)).isEqualTo(start + 2_000_000);

        run.onAdminFrame(frame("new_message", "t-1"), start + 6_000_000);
        run.onAdminFrame(frame("new_message", "t-1"), start + 7_000_000);
        run.onAdminFrame(frame("new_message", "someone-else"), start);
        run.onUserFrame(frame("message_sent", "t-1"), start + 3_000_000);

        // Microseconds, to the histogram's three significant digits.
        assertThat(run.delivery.getMaxValue()).isBetween(5000L, 5005L);
        assertThat(run.acknowledgement.getMaxValue()).isBetween(2000L, 2002L);
        assertThat(run.duplicates.sum()).isEqualTo(1);
        assertThat(run.undelivered()).isEqualTo(1);
        assertThat(run.unacknowledged()).isEqualTo(1);
    }

    @Test
    void aCensusMovesOnlyTheMeasuredMessages() {
        Measurement run = new Measurement(0, 10, 2, 2, "t-");
        run.startMeasuredPhaseAt(5_000_000_000L);
        assertThat(run.dueAt(1)).isEqualTo(100_000_000L);
        assertThat(run.dueAt(3)).isEqualTo(5_100_000_000L);
    }
}
