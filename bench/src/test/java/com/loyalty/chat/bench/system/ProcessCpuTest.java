package com.loyalty.chat.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void cpuTicksAreUtimePlusStimeCountedFromTheLastParenthesis() {
        // A command name with a space and a parenthesis must not shift the fields.
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 150 25 0 0 20 0 40 0 100 0 0";
        assertThat(ProcessCpu.parseCpuTicks(stat)).isEqualTo(175);
    }

    @Test
    void thisProcessIsMeasuredAsTheLoadGenerator() {
        long self = ProcessHandle.current().pid();
        assertThat(ProcessCpu.discover(java.util.List.of()))
                .containsExactly(new ProcessCpu.Watched(self, "load generator (this JVM)"));
        assertThat(ProcessCpu.cpuMillis(self)).isPresent();
    }

    @Test
    void machineBusyTimeLeavesOutIdleAndIowait() {
        MachineCpu cpu = MachineCpu.parse("cpu  100 0 50 800 50 0 0 0 0 0");
        assertThat(cpu.busyMillis()).isEqualTo(1500);
        assertThat(cpu.totalMillis()).isEqualTo(10000);
    }
}
