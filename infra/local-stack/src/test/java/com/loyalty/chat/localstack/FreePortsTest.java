package com.loyalty.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class FreePortsTest {

    /** Where outgoing connections take their local ports, so a chosen port must not be there. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void portsAreDistinctFreeAndBelowTheEphemeralRange() throws Exception {
        int ephemeralStart = Integer.parseInt(
                Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().strip().split("\\s+")[0]);

        int[] ports = FreePorts.allocate(8);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(8);
        for (int port : ports) {
            assertThat(port).isLessThan(ephemeralStart);
            try (ServerSocket bound = new ServerSocket(port)) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
