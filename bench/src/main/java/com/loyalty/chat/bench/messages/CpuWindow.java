package com.loyalty.chat.bench.messages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import com.loyalty.chat.bench.system.MachineCpu;
import com.loyalty.chat.bench.system.ProcessCpu;

/**
 * CPU readings at the start and at the end of the measured window, taken on a thread of their own at those
 * instants, so the sender's schedule decides the window and the readings never delay a send.
 */
final class CpuWindow {

    /** CPU milliseconds each process used in the window (processes gone before its end are left out). */
    record Result(List<ProcessCpu.Watched> processes, Map<Long, Long> millis, MachineCpu machine, double seconds) {
    }

    private final Thread thread;
    private volatile Result result;

    private CpuWindow(List<ProcessCpu.Watched> processes, long fromNanos, long toNanos) {
        thread = Thread.ofPlatform().name("cpu-window").start(() -> {
            LockSupport.parkNanos(fromNanos - System.nanoTime());
            Map<Long, Long> before = ProcessCpu.snapshot(processes);
            MachineCpu machineBefore = MachineCpu.now();
            long startedAt = System.nanoTime();
            LockSupport.parkNanos(toNanos - System.nanoTime());
            Map<Long, Long> after = ProcessCpu.snapshot(processes);
            MachineCpu machine = MachineCpu.now().minus(machineBefore);
            double seconds = (System.nanoTime() - startedAt) / 1e9;
            Map<Long, Long> used = new LinkedHashMap<>();
            for (ProcessCpu.Watched process : processes) {
                Long from = before.get(process.pid());
                Long to = after.get(process.pid());
                if (from != null && to != null) {
                    used.put(process.pid(), to - from);
                }
            }
            result = new Result(processes, used, machine, seconds);
        });
    }

    static CpuWindow schedule(List<ProcessCpu.Watched> processes, long fromNanos, long toNanos) {
        return new CpuWindow(processes, fromNanos, toNanos);
    }

    Result await() throws InterruptedException {
        thread.join();
        return result;
    }
}
