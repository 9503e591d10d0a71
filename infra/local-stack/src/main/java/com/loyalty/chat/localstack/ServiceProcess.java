package com.loyalty.chat.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One service running as its own OS process, with stdout and stderr in its log file. */
final class ServiceProcess {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final int LOG_LINES_IN_ERRORS = 30;
    private static final String START_MARK = "---- ";

    private final String name;
    private final int port;
    private final Path logFile;
    private final Process process;
    private final Instant launchedAt = Instant.now();

    private ServiceProcess(String name, int port, Path logFile, Process process) {
        this.name = name;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * Starts {@code command} in {@code workingDirectory} with {@code environment} on top of this JVM's environment.
     * The output goes to the end of the log file, after a line marking the start, so earlier runs stay readable.
     */
    static ServiceProcess launch(String name, int port, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path logFile) {
        // Appending (O_APPEND) matters beyond keeping earlier runs: Tomcat's access log opens /dev/stdout anew, and
        // with a plain redirect the JVM's own stdout, at its own offset, wrote over the access lines.
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        environment.forEach((key, value) -> builder.environment().put(key, value));
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, START_MARK + name + " started at " + Instant.now() + " ----" + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new ServiceProcess(name, port, logFile, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Path logFile() {
        return logFile;
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Returns once the service reports itself ready on its port, or fails naming the service, its log file and the
     * log's last lines when it exits first or {@code deadline} passes.
     */
    void awaitReady(ReadinessProbe probe, Instant deadline) {
        while (!probe.isReady(port)) {
            if (Instant.now().isAfter(deadline)) {
                throw failure("was not ready " + Duration.between(launchedAt, Instant.now()).toSeconds()
                        + " s after it was started");
            }
            // Waiting on the exit rather than sleeping notices a crash at once.
            try {
                process.onExit().get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                throw failure("exited with code " + process.exitValue() + " before it was ready");
            } catch (TimeoutException stillRunning) {
                // Poll again.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("was still starting when the wait was interrupted");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Asks the process and whatever it started to shut down gracefully (SIGTERM). */
    void requestStop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** Waits until the process has exited or {@code deadline} passes; true if it exited. */
    boolean awaitExit(Instant deadline) {
        try {
            return process.waitFor(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Ends the process and everything it started without waiting for them to agree (SIGKILL). */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(name + " " + what + ". Its log is " + logFile + "; it ends with:\n"
                + lastLines());
    }

    private String lastLines() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            // This run's lines only: earlier runs' endings would mislead.
            int thisRun = 0;
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(START_MARK + name + " started at ")) {
                    thisRun = i;
                    break;
                }
            }
            return String.join("\n", lines.subList(Math.max(thisRun, lines.size() - LOG_LINES_IN_ERRORS), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
