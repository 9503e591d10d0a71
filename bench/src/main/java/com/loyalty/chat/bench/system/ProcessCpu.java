package com.loyalty.chat.bench.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time of the processes under test, from {@code /proc/<pid>/stat} (utime + stime, in clock ticks). Each watched
 * process is measured together with its descendants, named by what it runs: the local stack's launcher JVM (which
 * also runs the Kafka broker) has every service JVM and MariaDB's server as descendants.
 */
public final class ProcessCpu {

    /** Linux's USER_HZ: /proc reports times in these ticks on every architecture the JDK runs on. */
    static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** A process and the name it is reported under. */
    public record Watched(long pid, String name) {
    }

    /** The watched processes with all their descendants, and this process (the load generator). */
    public static List<Watched> discover(List<Long> roots) {
        Map<Long, Watched> found = new LinkedHashMap<>();
        for (long root : roots) {
            ProcessHandle.of(root).ifPresent(handle -> Stream.concat(Stream.of(handle), handle.descendants())
                    .forEach(process -> found.putIfAbsent(process.pid(), new Watched(process.pid(),
                            nameOf(process.pid())))));
        }
        long self = ProcessHandle.current().pid();
        found.putIfAbsent(self, new Watched(self, "load generator (this JVM)"));
        return uniqueNames(new ArrayList<>(found.values()));
    }

    /** CPU time used so far, in milliseconds; empty once the process is gone. */
    public static OptionalLong cpuMillis(long pid) {
        try {
            return OptionalLong.of(parseCpuTicks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")))
                    * 1000 / TICKS_PER_SECOND);
        } catch (IOException gone) {
            return OptionalLong.empty();
        }
    }

    /**
     * utime + stime of a {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and may itself
     * contain spaces and parentheses, so fields are counted from the last ')'.
     */
    static long parseCpuTicks(String stat) {
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // afterName[0] is field 3 (state); utime is field 14 and stime field 15.
        return Long.parseLong(afterName[11]) + Long.parseLong(afterName[12]);
    }

    /** CPU time of every watched process, by pid. */
    public static Map<Long, Long> snapshot(List<Watched> processes) {
        Map<Long, Long> millis = new HashMap<>();
        for (Watched process : processes) {
            cpuMillis(process.pid()).ifPresent(value -> millis.put(process.pid(), value));
        }
        return millis;
    }

    static String nameOf(long pid) {
        List<String> command = commandLine(pid);
        String executable = command.isEmpty() ? comm(pid) : Path.of(command.getFirst()).getFileName().toString();
        int jar = command.indexOf("-jar");
        if (jar >= 0 && jar + 1 < command.size()) {
            String artifact = Path.of(command.get(jar + 1)).getFileName().toString()
                    .replaceFirst("-\\d[^-]*(-SNAPSHOT)?(-exec)?\\.jar$", "");
            return switch (artifact) {
                case "local-stack" -> "launcher + Kafka broker";
                case "realtime-service" -> environment(pid, "CHAT_NODE_ID").orElse(artifact);
                default -> artifact;
            };
        }
        if (executable.startsWith("mysqld") || executable.startsWith("mariadbd")) {
            return "MariaDB";
        }
        if (executable.equals("node")) {
            return "node (peer app)";
        }
        return executable;
    }

    private static List<Watched> uniqueNames(List<Watched> processes) {
        Map<String, Long> counts = new HashMap<>();
        processes.forEach(process -> counts.merge(process.name(), 1L, Long::sum));
        return processes.stream()
                .map(process -> counts.get(process.name()) > 1
                        ? new Watched(process.pid(), process.name() + " (pid " + process.pid() + ")") : process)
                .toList();
    }

    private static List<String> commandLine(long pid) {
        return nulSeparated(Path.of("/proc", String.valueOf(pid), "cmdline"));
    }

    private static Optional<String> environment(long pid, String variable) {
        return nulSeparated(Path.of("/proc", String.valueOf(pid), "environ")).stream()
                .filter(entry -> entry.startsWith(variable + "="))
                .map(entry -> entry.substring(variable.length() + 1))
                .findFirst();
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).trim();
        } catch (IOException gone) {
            return "pid " + pid;
        }
    }

    private static List<String> nulSeparated(Path file) {
        try {
            String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return content.isEmpty() ? List.of() : Arrays.asList(content.split("\0"));
        } catch (IOException gone) {
            return List.of();
        }
    }

    /** The options the service JVMs run with (all share them), for the report; empty when none is watched. */
    public static String serviceJvmOptions(List<Watched> processes) {
        return processes.stream()
                .filter(process -> process.name().startsWith("realtime") || process.name().endsWith("-service"))
                .map(process -> jvmOptions(process.pid()))
                .filter(options -> !options.isEmpty())
                .findFirst().orElse("");
    }

    /** The JVM options a process was started with: what comes before {@code -jar}. */
    public static String jvmOptionsOf(long pid) {
        return jvmOptions(pid);
    }

    static String jvmOptions(long pid) {
        List<String> command = commandLine(pid);
        int jar = command.indexOf("-jar");
        return jar <= 1 ? "" : String.join(" ", command.subList(1, jar));
    }
}
