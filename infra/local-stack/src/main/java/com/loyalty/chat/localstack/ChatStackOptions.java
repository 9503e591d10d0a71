package com.loyalty.chat.localstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link ChatStack}.
 *
 * @param projectRoot   the checkout whose modules' {@code target/*-exec.jar}s are started
 * @param realtimeNodes how many realtime-service nodes to start, at least one
 * @param logDirectory  where each process's output goes, as {@code <name>.log}
 * @param freePorts     free ports and a temporary data directory, deleted on close, instead of the default ports of
 *                      {@code ./run} and its {@code dataDirectory}
 * @param dataDirectory where the database, the broker's log and the signing key are kept from one run to the next
 *                      (not used with {@code freePorts})
 * @param freshData     empty {@code dataDirectory} before starting
 * @param jvmOptions    the options every service's {@code java} is started with
 * @param environment   variables every service gets on top of what the stack sets (and replacing it where they meet),
 *                      e.g. {@code CHAT_BOOTSTRAP_ADMINS}
 */
public record ChatStackOptions(Path projectRoot, int realtimeNodes, Path logDirectory, boolean freePorts,
        Path dataDirectory, boolean freshData, List<String> jvmOptions, Map<String, String> environment) {

    /** Replaces {@link #DEFAULT_JVM_OPTIONS} when set, e.g. to give the services more heap on a bigger machine. */
    public static final String JVM_OPTIONS_VARIABLE = "CHAT_JVM_OPTS";

    /** Several services on a small machine: modest heaps, and start-up speed over peak throughput. */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");

    public ChatStackOptions {
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(logDirectory, "logDirectory");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        jvmOptions = List.copyOf(jvmOptions);
        environment = Map.copyOf(environment);
        if (realtimeNodes < 1) {
            throw new IllegalArgumentException("At least one realtime node is needed, not " + realtimeNodes);
        }
        projectRoot = projectRoot.toAbsolutePath().normalize();
        logDirectory = logDirectory.toAbsolutePath().normalize();
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
    }

    /**
     * As {@code ./run} starts it: the default ports, one realtime node, logs in {@code .run/logs}, data kept in
     * {@code .run/data}, JVM options from {@code CHAT_JVM_OPTS}.
     */
    public static ChatStackOptions forRun(Path projectRoot) {
        return new ChatStackOptions(projectRoot, 1, defaultLogDirectory(projectRoot), false,
                defaultDataDirectory(projectRoot), false, jvmOptions(System.getenv()), Map.of());
    }

    /** As {@link #forRun} but on free ports with throwaway data, so tests run beside {@code ./run} and each other. */
    public static ChatStackOptions forTests(Path projectRoot) {
        return new ChatStackOptions(projectRoot, 1, defaultLogDirectory(projectRoot), true,
                defaultDataDirectory(projectRoot), false, jvmOptions(System.getenv()), Map.of());
    }

    public ChatStackOptions withRealtimeNodes(int count) {
        return new ChatStackOptions(projectRoot, count, logDirectory, freePorts, dataDirectory, freshData, jvmOptions,
                environment);
    }

    public ChatStackOptions withLogDirectory(Path directory) {
        return new ChatStackOptions(projectRoot, realtimeNodes, directory, freePorts, dataDirectory, freshData,
                jvmOptions, environment);
    }

    public ChatStackOptions withDataDirectory(Path directory) {
        return new ChatStackOptions(projectRoot, realtimeNodes, logDirectory, freePorts, directory, freshData,
                jvmOptions, environment);
    }

    /** Starts from an empty {@link #dataDirectory}, which is kept from then on. */
    public ChatStackOptions withFreshData() {
        return new ChatStackOptions(projectRoot, realtimeNodes, logDirectory, freePorts, dataDirectory, true,
                jvmOptions, environment);
    }

    public ChatStackOptions withJvmOptions(List<String> options) {
        return new ChatStackOptions(projectRoot, realtimeNodes, logDirectory, freePorts, dataDirectory, freshData,
                options, environment);
    }

    /** Adds variables every service is started with, e.g. a test's own SMS webhook. */
    public ChatStackOptions withEnvironment(Map<String, String> variables) {
        Map<String, String> merged = new LinkedHashMap<>(environment);
        merged.putAll(variables);
        return new ChatStackOptions(projectRoot, realtimeNodes, logDirectory, freePorts, dataDirectory, freshData,
                jvmOptions, merged);
    }

    /** {@value #JVM_OPTIONS_VARIABLE} split at blanks when it has any, else {@link #DEFAULT_JVM_OPTIONS}. */
    static List<String> jvmOptions(Map<String, String> environment) {
        String options = environment.getOrDefault(JVM_OPTIONS_VARIABLE, "").strip();
        return options.isEmpty() ? DEFAULT_JVM_OPTIONS : Arrays.asList(options.split("\\s+"));
    }

    LocalStackOptions localStackOptions() {
        if (freePorts) {
            return LocalStackOptions.freePorts();
        }
        return LocalStackOptions.fixedPorts(dataDirectory,
                freshData ? LocalStackOptions.Data.FRESH_THEN_KEPT : LocalStackOptions.Data.KEPT);
    }

    private static Path defaultLogDirectory(Path projectRoot) {
        return projectRoot.resolve(".run").resolve("logs");
    }

    private static Path defaultDataDirectory(Path projectRoot) {
        return projectRoot.resolve(".run").resolve("data");
    }
}
