package com.loyalty.chat.localstack;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start a {@link ChatStack}.
 *
 * @param projectRoot   the checkout whose modules' {@code target/*-exec.jar}s are started
 * @param realtimeNodes how many realtime-service nodes to start, at least one
 * @param logDirectory  where each process's output goes, as {@code <name>.log}
 * @param freePorts     free ports and a temporary data directory instead of the default ports of {@code ./run}
 */
public record ChatStackOptions(Path projectRoot, int realtimeNodes, Path logDirectory, boolean freePorts) {

    public ChatStackOptions {
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(logDirectory, "logDirectory");
        if (realtimeNodes < 1) {
            throw new IllegalArgumentException("At least one realtime node is needed, not " + realtimeNodes);
        }
        projectRoot = projectRoot.toAbsolutePath().normalize();
        logDirectory = logDirectory.toAbsolutePath().normalize();
    }

    /** As {@code ./run} starts it: the default ports, one realtime node, logs in {@code .run/logs}. */
    public static ChatStackOptions forRun(Path projectRoot) {
        return new ChatStackOptions(projectRoot, 1, defaultLogDirectory(projectRoot), false);
    }

    /** As {@link #forRun} but on free ports, so tests can run beside {@code ./run} and each other. */
    public static ChatStackOptions forTests(Path projectRoot) {
        return new ChatStackOptions(projectRoot, 1, defaultLogDirectory(projectRoot), true);
    }

    public ChatStackOptions withRealtimeNodes(int count) {
        return new ChatStackOptions(projectRoot, count, logDirectory, freePorts);
    }

    public ChatStackOptions withLogDirectory(Path directory) {
        return new ChatStackOptions(projectRoot, realtimeNodes, directory, freePorts);
    }

    LocalStackOptions localStackOptions() {
        return freePorts
                ? LocalStackOptions.freePorts()
                : LocalStackOptions.fixedPorts(projectRoot.resolve(".run").resolve("data"));
    }

    private static Path defaultLogDirectory(Path projectRoot) {
        return projectRoot.resolve(".run").resolve("logs");
    }
}
