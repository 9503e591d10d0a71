package com.loyalty.chat.bench.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static final Set<String> VALUED = Set.of("--node-pid", "--hold");
    private final AtomicInteger ran = new AtomicInteger();

    private int run(String... arguments) throws Exception {
        return CommandLine.run(arguments, "usage\n", VALUED, Set.of("--nmt"), args -> {
            long pid = CommandLine.requiredPid(args, "--node-pid");
            return () -> {
                ran.incrementAndGet();
                return (int) pid % 7;
            };
        });
    }

    @Test
    void theBenchmarkBuiltFromTheOptionsRunsAndItsStatusIsTheCommands() throws Exception {
        assertThat(run("--node-pid", "12", "--nmt")).isEqualTo(5);
        assertThat(ran).hasValue(1);
    }

    @Test
    void helpRunsNothing() throws Exception {
        assertThat(run("--node-pid", "12", "--help")).isZero();
        assertThat(ran).hasValue(0);
    }

    @Test
    void anUnknownOptionEndsWithStatus2BeforeAnythingRuns() throws Exception {
        assertThat(run("--node-pid", "12", "--holds", "3")).isEqualTo(2);
        assertThat(ran).hasValue(0);
    }

    @Test
    void aMissingOrUnreadablePidEndsWithStatus2BeforeAnythingRuns() throws Exception {
        assertThat(run("--hold", "3")).isEqualTo(2);
        assertThat(run("--node-pid", "twelve")).isEqualTo(2);
        assertThat(ran).hasValue(0);
    }
}
