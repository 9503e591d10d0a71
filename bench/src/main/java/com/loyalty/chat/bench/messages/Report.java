package com.loyalty.chat.bench.messages;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

import com.loyalty.chat.bench.system.Machine;
import com.loyalty.chat.bench.system.ProcessCpu;

/** One run as a header and one Markdown table. */
final class Report {

    private final MessageOptions options;
    private final Measurement run;
    private final CpuWindow.Result cpu;
    private final int users;
    private final String userNodes;
    private final String adminNode;
    private final long failedSends;
    private final String jvmOptions;

    Report(MessageOptions options, Measurement run, CpuWindow.Result cpu, int users, String userNodes,
           String adminNode, long failedSends, String jvmOptions) {
        this.options = options;
        this.run = run;
        this.cpu = cpu;
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
        row(text, "delivered to the admin / lost / duplicated",
                (measured - run.undelivered()) + " / " + run.undelivered() + " / " + run.duplicates.sum());
        row(text, "acknowledged (`message_sent`) / error frames / failed sends",
                (measured - run.unacknowledged()) + " / " + errors() + " / " + failedSends);
        row(text, "delivery latency p50 / p90 / p99 / p99.9 / max", percentiles(run.delivery));
        row(text, "acknowledgement latency p50 / p90 / p99 / p99.9 / max", percentiles(run.acknowledgement));
        row(text, "load generator's own lateness p99 / max",
                millis(run.senderLateness.getValueAtPercentile(99)) + " / "
                        + millis(run.senderLateness.getMaxValue()) + " ms");
        long systemMillis = 0;
        long generatorMillis = 0;
        List<ProcessCpu.Watched> byCost = cpu.processes().stream()
                .filter(process -> cpu.millis().containsKey(process.pid()))
                .sorted(Comparator.comparingLong((ProcessCpu.Watched process) -> cpu.millis().get(process.pid()))
                        .reversed())
                .toList();
        for (ProcessCpu.Watched process : byCost) {
            long used = cpu.millis().get(process.pid());
            if (process.pid() == ProcessHandle.current().pid()) {
                generatorMillis = used;
                continue;
            }
            systemMillis += used;
            row(text, "CPU ms/msg: " + process.name(), perMessage(used, measured));
        }
        row(text, "**CPU ms/msg: the whole system under test**", "**" + perMessage(systemMillis, measured) + "**");
        row(text, "CPU ms/msg: load generator", perMessage(generatorMillis, measured));
        long others = Math.max(0, cpu.machine().busyMillis() - systemMillis - generatorMillis);
        row(text, "machine busy / of which other processes (shared machine)",
                String.format(Locale.ROOT, "%.0f%% / %.0f%% of %d cores", 100.0 * cpu.machine().busyMillis()
                        / Math.max(1, cpu.machine().totalMillis()), 100.0 * others
                        / Math.max(1, cpu.machine().totalMillis()), Runtime.getRuntime().availableProcessors()));
        return text.toString();
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

    private String perMessage(long cpuMillis, int messages) {
        return String.format(Locale.ROOT, "%.3f (%.1f s CPU, %.0f%% of a core)", (double) cpuMillis / messages,
                cpuMillis / 1000.0, 100.0 * cpuMillis / 1000.0 / cpu.seconds());
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

    private static void row(StringBuilder text, String metric, String value) {
        text.append("| ").append(metric).append(" | ").append(value).append(" |\n");
    }
}
