package com.loyalty.chat.bench.connections;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a realtime node's process holds, from outside: resident memory and open files from {@code /proc}, the live
 * heap from a class histogram (which runs a full GC first, so the figure is what is reachable, not what the
 * collector has not got to yet), and native memory tracking when the node runs with it.
 */
final class NodeProbe {

    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)", Pattern.MULTILINE);
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    /** One look at the node; {@code histogram} is its top lines (by bytes). */
    record Snapshot(long rssBytes, long liveHeapBytes, long liveObjects, long openFiles, List<String> histogram,
                    Long nmtCommittedKb, String fullHistogram) {
    }

    private final long pid;

    NodeProbe(long pid) {
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Resident set size now, in bytes; -1 once the process is gone. */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException gone) {
            return -1;
        }
        return -1;
    }

    long openFiles() {
        try (Stream<Path> files = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return files.count();
        } catch (IOException gone) {
            return -1;
        }
    }

    /** Full GC through the histogram, then RSS (after the collection, which may have given memory back). */
    Snapshot snapshot(int histogramLines) {
        String histogram = jcmd("GC.class_histogram");
        Matcher total = TOTAL.matcher(histogram);
        long objects = -1;
        long bytes = -1;
        if (total.find()) {
            objects = Long.parseLong(total.group(1));
            bytes = Long.parseLong(total.group(2));
        }
        List<String> top = new ArrayList<>();
        for (String line : histogram.split("\n")) {
            if (line.matches("\\s*\\d+:.*") && top.size() < histogramLines) {
                top.add(line.strip());
            }
        }
        return new Snapshot(rssBytes(), bytes, objects, openFiles(), top, nmtCommittedKb(), histogram);
    }

    /** Null when the node runs without {@code -XX:NativeMemoryTracking}. */
    Long nmtCommittedKb() {
        Matcher total = NMT_TOTAL.matcher(jcmd("VM.native_memory summary"));
        return total.find() ? Long.parseLong(total.group(2)) : null;
    }

    void nmtBaseline() {
        jcmd("VM.native_memory baseline");
    }

    /** The committed difference by category since {@link #nmtBaseline}; empty without NMT. */
    String nmtDiff() {
        String diff = jcmd("VM.native_memory summary.diff scale=KB");
        if (!diff.contains("Total:")) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String line : diff.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("Total:") || stripped.startsWith("-") && stripped.contains("(reserved=")) {
                kept.append(stripped).append('\n');
            }
        }
        return kept.toString();
    }

    String jcmd(String command) {
        List<String> arguments = new ArrayList<>();
        arguments.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        arguments.add(String.valueOf(pid));
        arguments.addAll(List.of(command.split(" ")));
        try {
            Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(2, TimeUnit.MINUTES);
            return output;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
