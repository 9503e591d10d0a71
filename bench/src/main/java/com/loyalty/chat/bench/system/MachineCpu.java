package com.loyalty.chat.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The whole machine's CPU time from {@code /proc/stat}. The machine is shared: what the processes under test did not
 * use of the busy time was someone else's, and a run that competed with a test suite says so in its report.
 */
public record MachineCpu(long busyMillis, long totalMillis) {

    public static MachineCpu now() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/stat")).getFirst());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The aggregate "cpu" line: user nice system idle iowait irq softirq steal ... (guest time is in user). */
    static MachineCpu parse(String cpuLine) {
        long[] ticks = Arrays.stream(cpuLine.trim().split("\\s+")).skip(1).limit(8).mapToLong(Long::parseLong)
                .toArray();
        long total = Arrays.stream(ticks).sum();
        long idle = ticks[3] + ticks[4];
        return new MachineCpu((total - idle) * 1000 / ProcessCpu.TICKS_PER_SECOND,
                total * 1000 / ProcessCpu.TICKS_PER_SECOND);
    }

    public MachineCpu minus(MachineCpu earlier) {
        return new MachineCpu(busyMillis - earlier.busyMillis, totalMillis - earlier.totalMillis);
    }
}
