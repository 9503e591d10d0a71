package com.loyalty.chat.bench.messages;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

import com.loyalty.chat.bench.census.KafkaCensus;
import com.loyalty.chat.bench.census.StatementCensus;
import com.loyalty.chat.bench.system.MachineCpu;
import com.loyalty.chat.bench.system.ProcessCpu;

/**
 * Readings at the start and at the end of a window, taken on a thread of their own at those instants, so the
 * sender's schedule decides the window and the readings never delay a send: CPU per process and for the machine,
 * and optionally the records written to each Kafka topic and the statements the database ran.
 */
final class MeasuredWindow {

    /**
     * @param millis CPU milliseconds each process used (processes gone before the end are left out)
     * @param kafkaRecords records written per topic, empty when not counted
     * @param statements statements run, empty when not counted
     * @param lagAtEnd records each consumer group had yet to read when the window closed, null when not read
     */
    record Result(List<ProcessCpu.Watched> processes, Map<Long, Long> millis, MachineCpu machine, double seconds,
                  Map<String, Long> kafkaRecords, List<StatementCensus.Shape> statements,
                  Map<String, Long> lagAtEnd) {
    }

    private final Thread thread;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Result result;
    private volatile RuntimeException failure;

    /**
     * @param awaitEnd returns when the window ends (see {@link #until})
     * @param kafka null to leave topics uncounted
     * @param statements null to leave statements uncounted
     */
    MeasuredWindow(List<ProcessCpu.Watched> processes, long fromNanos, Runnable awaitEnd, KafkaCensus kafka,
                   StatementCensus statements) {
        thread = Thread.ofPlatform().name("measured-window").start(() -> {
            try {
                until(fromNanos).run();
                // CPU first: it is what a timed run needs exact; the counts are taken over many messages.
                Map<Long, Long> before = ProcessCpu.snapshot(processes);
                MachineCpu machineBefore = MachineCpu.now();
                long startedAt = System.nanoTime();
                if (statements != null) {
                    statements.start();
                }
                Map<String, Long> offsetsBefore = kafka == null ? Map.of() : kafka.endOffsets();
                started.countDown();
                awaitEnd.run();
                Map<Long, Long> after = ProcessCpu.snapshot(processes);
                MachineCpu machine = MachineCpu.now().minus(machineBefore);
                double seconds = (System.nanoTime() - startedAt) / 1e9;
                Map<String, Long> records = kafka == null ? Map.of()
                        : KafkaCensus.difference(offsetsBefore, kafka.endOffsets());
                Map<String, Long> lag = kafka == null ? null : kafka.lagByGroup();
                List<StatementCensus.Shape> statementsRun = statements == null ? List.of() : statements.stop();
                Map<Long, Long> used = new LinkedHashMap<>();
                for (ProcessCpu.Watched process : processes) {
                    Long from = before.get(process.pid());
                    Long to = after.get(process.pid());
                    if (from != null && to != null) {
                        used.put(process.pid(), to - from);
                    }
                }
                result = new Result(processes, used, machine, seconds, records, statementsRun, lag);
            } catch (SQLException | RuntimeException | StackOverflowError e) {
                failure = new IllegalStateException("The measured window's readings failed", e);
                started.countDown();
            }
        });
    }

    /** An end at a fixed instant. */
    static Runnable until(long nanos) {
        return () -> {
            long wait;
            while ((wait = nanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        };
    }

    /** Returns once the window's opening readings are taken. */
    void awaitStarted() throws InterruptedException {
        started.await();
    }

    Result await() throws InterruptedException {
        thread.join();
        if (failure != null) {
            throw failure;
        }
        return result;
    }
}
