package com.loyalty.chat.bench.messages;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

import com.loyalty.chat.bench.census.OutboxProbe;
import com.loyalty.chat.bench.census.StatementCensus;
import com.loyalty.chat.bench.system.Machine;
import com.loyalty.chat.bench.system.ProcessCpu;

/** One run as a header and one Markdown table. */
final class Report {

    private final MessageOptions options;
    private final Measurement run;
    private final MeasuredWindow.Result window;
    /** CPU used while connected and idle, or null when not measured. */
    private final MeasuredWindow.Result idle;
    /** Null when the outbox was not watched. */
    private final OutboxProbe.Peak outbox;
    private final int users;
    private final String userNodes;
    private final String adminNode;
    private final long failedSends;
    private final String jvmOptions;

    Report(MessageOptions options, Measurement run, MeasuredWindow.Result window, MeasuredWindow.Result idle,
           OutboxProbe.Peak outbox, int users, String userNodes,
           String adminNode, long failedSends, String jvmOptions) {
        this.options = options;
        this.run = run;
        this.window = window;
        this.idle = idle;
        this.outbox = outbox;
        this.users = users;
        this.userNodes = userNodes;
        this.adminNode = adminNode;
        this.failedSends = failedSends;
        this.jvmOptions = jvmOptions;
    }

    /** Every measured message acknowledged and delivered exactly once, and nothing refused. */
    boolean clean() {
        return run.undelivered() == 0 && run.unacknowledged() == 0 && run.duplicates.sum() == 0
                && run.errors() == 0 && failedSends == 0;
    }

    String markdown() {
        int measured = options.measuredMessages();
        StringBuilder text = new StringBuilder();
        text.append("## Message path: ").append(options.target().name()).append(", ")
                .append(number(options.rate())).append(" msg/s for ").append(options.durationSeconds())
                .append(" s (").append(LocalDate.now()).append(")\n\n");
        text.append("Open model: ").append(number(options.rate())).append(" msg/s offered on a fixed schedule, ")
                .append(options.warmupSeconds()).append(" s warm-up, then ").append(options.durationSeconds())
                .append(" s measured; latencies count from each message's scheduled send time. ")
                .append(users).append(" users (node ").append(userNodes).append("), admin on node ")
                .append(adminNode).append(", connected ")
                .append(options.direct() ? "straight to the nodes" : "through " + options.base()).append(".  \n");
        text.append("Machine: ").append(Machine.describe()).append(".  \n");
        if (!jvmOptions.isEmpty()) {
            text.append("Service JVM options: `").append(jvmOptions).append("`.  \n");
        }
        options.notes().forEach(note -> text.append(note).append("  \n"));
        text.append('\n');

        text.append("| metric | value |\n|---|---|\n");
        row(text, "messages in the measured window", String.valueOf(measured));
        row(text, "throughput: messages the admin received during the window",
                String.format(Locale.ROOT, "%.0f msg/s", run.receivedInWindow.sum() / window.seconds()));
        row(text, "delivered to the admin / lost / duplicated",
                (measured - run.undelivered()) + " / " + run.undelivered() + " / " + run.duplicates.sum());
        row(text, "acknowledged (`message_sent`) / error frames / failed sends",
                (measured - run.unacknowledged()) + " / " + errors() + " / " + failedSends);
        row(text, "delivery latency p50 / p90 / p99 / p99.9 / max", percentiles(run.delivery));
        row(text, "… of which scheduled send → stored (`createdAt`)", percentiles(run.dueToStored));
        row(text, "… of which stored → admin's socket", percentiles(run.storedToDelivered));
        row(text, "acknowledgement latency p50 / p90 / p99 / p99.9 / max", percentiles(run.acknowledgement));
        row(text, "load generator's own lateness p99 / max",
                millis(run.senderLateness.getValueAtPercentile(99)) + " / "
                        + millis(run.senderLateness.getMaxValue()) + " ms");
        long systemMillis = 0;
        long systemIdleMillis = 0;
        long generatorMillis = 0;
        List<ProcessCpu.Watched> byCost = window.processes().stream()
                .filter(process -> window.millis().containsKey(process.pid()))
                .sorted(Comparator.comparingLong((ProcessCpu.Watched process) -> window.millis().get(process.pid()))
                        .reversed())
                .toList();
        for (ProcessCpu.Watched process : byCost) {
            long used = window.millis().get(process.pid());
            if (process.pid() == ProcessHandle.current().pid()) {
                generatorMillis = used;
                continue;
            }
            systemMillis += used;
            systemIdleMillis += idleMillis(process.pid());
            row(text, "CPU ms/msg: " + process.name(), perMessage(used, idleMillis(process.pid()), measured));
        }
        row(text, "**CPU ms/msg: the whole system under test**",
                "**" + perMessage(systemMillis, systemIdleMillis, measured) + "**");
        row(text, "CPU ms/msg: load generator", perMessage(generatorMillis, -1, measured));
        window.kafkaRecords().forEach((topic, records) -> row(text, "Kafka records/msg: `" + topic + "`",
                String.format(Locale.ROOT, "%.2f (%d records)", (double) records / measured, records)));
        if (outbox != null) {
            row(text, "message-service outbox: most rows waiting / oldest waited",
                    outbox.rows() + " / " + millis(outbox.oldestMicros()) + " ms");
        }
        if (window.lagAtEnd() != null) {
            row(text, "Kafka consumer lag when the window closed (records)", window.lagAtEnd().isEmpty() ? "none"
                    : window.lagAtEnd().entrySet().stream().map(group -> group.getKey() + " " + group.getValue())
                            .reduce((a, b) -> a + ", " + b).orElseThrow());
        }
        long others = Math.max(0, window.machine().busyMillis() - systemMillis - generatorMillis);
        row(text, "machine busy / of which other processes (shared machine)",
                String.format(Locale.ROOT, "%.0f%% / %.0f%% of %d cores", 100.0 * window.machine().busyMillis()
                        / Math.max(1, window.machine().totalMillis()), 100.0 * others
                        / Math.max(1, window.machine().totalMillis()), Runtime.getRuntime().availableProcessors()));
        statements(text, measured);
        return text.toString();
    }

    /** The statement census, when taken: per service schema, each statement shape's count per message. */
    private void statements(StringBuilder text, int measured) {
        List<StatementCensus.Shape> shapes = window.statements();
        if (shapes.isEmpty()) {
            return;
        }
        text.append("\nDatabase statements per message, from MariaDB's general query log (which slows the database: ")
                .append("this run's latencies are not the system's). Shapes under 0.01 per message are left out.\n\n")
                .append("| schema | statement | per message |\n|---|---|---|\n");
        StatementCensus.bySchema(shapes).forEach((schema, count) -> row(text, "**" + schema + "**", "**all**",
                String.format(Locale.ROOT, "**%.2f**", (double) count / measured)));
        for (StatementCensus.Shape shape : shapes) {
            double perMessage = (double) shape.count() / measured;
            if (perMessage >= 0.01) {
                row(text, shape.schema(), "`" + shape.statement().replace("|", "\\|") + "`",
                        String.format(Locale.ROOT, "%.2f", perMessage));
            }
        }
    }

    private String errors() {
        if (run.errorsByCode.isEmpty()) {
            return "0";
        }
        StringBuilder codes = new StringBuilder().append(run.errors()).append(" (");
        run.errorsByCode.forEach((code, count) -> codes.append("code ").append(code).append(": ")
                .append(count.sum()).append(' '));
        return codes.toString().trim() + ")";
    }

    /**
     * CPU per message, then in brackets the same less what the process burns idle (over as long a window), which at
     * low rates is most of it: timers, heartbeats, consumer polls.
     *
     * @param idleMillis CPU used in the idle window, or -1 to leave that out
     */
    private String perMessage(long cpuMillis, long idleMillis, int messages) {
        String total = String.format(Locale.ROOT, "%.3f", (double) cpuMillis / messages);
        String beyondIdle = idleMillis < 0 || idle == null ? "" : String.format(Locale.ROOT, "; %.3f beyond idle",
                (cpuMillis - idleMillis * window.seconds() / idle.seconds()) / messages);
        return String.format(Locale.ROOT, "%s (%.1f s CPU, %.0f%% of a core%s)", total, cpuMillis / 1000.0,
                100.0 * cpuMillis / 1000.0 / window.seconds(), beyondIdle);
    }

    private long idleMillis(long pid) {
        return idle == null ? 0 : idle.millis().getOrDefault(pid, 0L);
    }

    private static String percentiles(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return "-";
        }
        return millis(histogram.getValueAtPercentile(50)) + " / " + millis(histogram.getValueAtPercentile(90))
                + " / " + millis(histogram.getValueAtPercentile(99)) + " / "
                + millis(histogram.getValueAtPercentile(99.9)) + " / " + millis(histogram.getMaxValue()) + " ms";
    }

    private static String millis(long micros) {
        double ms = micros / 1000.0;
        return String.format(Locale.ROOT, ms < 10 ? "%.2f" : "%.1f", ms);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static void row(StringBuilder text, String... cells) {
        text.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
