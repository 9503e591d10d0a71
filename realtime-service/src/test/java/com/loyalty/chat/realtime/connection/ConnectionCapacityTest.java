package com.loyalty.chat.realtime.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.sun.management.UnixOperatingSystemMXBean;

/** The cap is the least of the configured one, what the heap holds and what the open-file limit leaves. */
class ConnectionCapacityTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aSmallHeapCapsBelowTheConfiguredMaximum() {
        ConnectionCapacity capacity = new ConnectionCapacity(properties(20_000, "16KB", "128MB", 512),
                384 * MB, files(20_000, 300));

        assertThat(capacity.limits().byHeap()).isEqualTo(16_384);
        assertThat(capacity.limits().byFiles()).isEqualTo(20_000 - 300 - 512);
        assertThat(capacity.cap()).isEqualTo(16_384);
    }

    @Test
    void theOpenFileLimitCapsWhenTheHeapIsLarge() {
        ConnectionCapacity capacity = new ConnectionCapacity(properties(100_000, "12KB", "128MB", 512),
                2048 * MB, files(20_000, 300));

        assertThat(capacity.cap()).isEqualTo(19_188);
    }

    @Test
    void theConfiguredMaximumWinsWhenItIsTheLeast() {
        ConnectionCapacity capacity = new ConnectionCapacity(properties(3, "12KB", "128MB", 512), 4096 * MB,
                files(1_000_000, 100));

        assertThat(capacity.cap()).isEqualTo(3);
        assertThat(capacity.shortage(2)).isNull();
        assertThat(capacity.shortage(3)).isEqualTo("capacity");
    }

    @Test
    void aHeapSmallerThanTheReserveHoldsNone() {
        ConnectionCapacity capacity = new ConnectionCapacity(properties(20_000, "12KB", "128MB", 512), 100 * MB,
                files(20_000, 100));

        assertThat(capacity.cap()).isZero();
        assertThat(capacity.shortage(0)).isEqualTo("capacity");
    }

    private static UnixOperatingSystemMXBean files(long limit, long open) {
        UnixOperatingSystemMXBean system = mock(UnixOperatingSystemMXBean.class);
        when(system.getMaxFileDescriptorCount()).thenReturn(limit);
        when(system.getOpenFileDescriptorCount()).thenReturn(open);
        return system;
    }

    private static ConnectionProperties properties(int maxConnections, String perConnection, String heapReserve,
                                                   int fileReserve) {
        return new ConnectionProperties(Duration.ofSeconds(90), Duration.ofSeconds(90), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(10), DataSize.ofKilobytes(64), Duration.ofSeconds(10),
                DataSize.ofKilobytes(512),
                maxConnections, DataSize.parse(perConnection), DataSize.parse(heapReserve), fileReserve,
                Duration.ofSeconds(5), new ConnectionProperties.RateLimit(20, 40), false, Duration.ofSeconds(10),
                List.of("*"), 1024, Duration.ofSeconds(30));
    }
}
