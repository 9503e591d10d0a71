package com.loyalty.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    private static final Duration GENEROUS = Duration.ofMinutes(1);

    @TempDir
    Path directory;

    private final ReadinessProbe probe = new ReadinessProbe();
    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(ServiceProcess::kill);
        started.forEach(process -> process.awaitExit(Instant.now().plus(GENEROUS)));
    }

    @Test
    void isReadyOnceTheReadinessProbeAnswers() {
        ServiceProcess service = launch("ready");

        service.awaitReady(probe, Instant.now().plus(GENEROUS));

        assertThat(probe.isReady(service.port())).isTrue();
    }

    @Test
    void acceptsOverallHealthWhenTheReadinessProbeIsNotExposed() {
        ServiceProcess service = launch("health-only");

        service.awaitReady(probe, Instant.now().plus(GENEROUS));

        assertThat(probe.isReady(service.port())).isTrue();
    }

    @Test
    void aServiceThatDiesWhileStartingIsReportedWithItsLog() {
        ServiceProcess service = launch("crash");

        assertThatThrownBy(() -> service.awaitReady(probe, Instant.now().plus(GENEROUS)))
                .hasMessageContaining("fake-service exited with code 3 before it was ready")
                .hasMessageContaining(service.logFile().toString())
                .hasMessageContaining("boom: cannot connect to anything");
    }

    @Test
    void aServiceThatIsNotReadyInTimeIsReportedWithItsLog() {
        ServiceProcess service = launch("never-ready");

        assertThatThrownBy(() -> service.awaitReady(probe, Instant.now().plus(Duration.ofSeconds(3))))
                .hasMessageContaining("fake-service was not ready")
                .hasMessageContaining(service.logFile().toString())
                .hasMessageContaining("fake service starting");
    }

    @Test
    void standardOutputAndErrorGoToTheLogFile() throws Exception {
        ServiceProcess service = launch("crash");

        await().atMost(GENEROUS).until(service.onExit()::isDone);

        assertThat(Files.readString(service.logFile()))
                .contains("fake service starting")
                .contains("boom: cannot connect to anything");
    }

    @Test
    void aRestartedServiceAppendsToTheLogOfItsEarlierRun() throws Exception {
        ServiceProcess first = launch("crash");
        await().atMost(GENEROUS).until(first.onExit()::isDone);

        ServiceProcess second = launch("crash");
        await().atMost(GENEROUS).until(second.onExit()::isDone);

        assertThat(Files.readString(second.logFile()))
                .containsSubsequence("fake-service started at", "boom: cannot connect to anything",
                        "fake-service started at", "boom: cannot connect to anything");
    }

    @Test
    void linesWrittenByAnotherOpenerOfStandardOutputAreNotOverwritten() throws Exception {
        ServiceProcess service = launch("access-log");

        service.awaitReady(probe, Instant.now().plus(GENEROUS));

        assertThat(Files.readString(service.logFile()))
                .containsSubsequence("application line before", "ACCESS GET /api/v2/auth/me 200",
                        "application line after");
    }

    @Test
    void aServiceThatDiesIsReportedWithThisRunsLinesOnly() throws Exception {
        Path logFile = directory.resolve("logs").resolve("fake-service.log");
        Files.createDirectories(logFile.getParent());
        Files.writeString(logFile, "an earlier run's last words\n");
        ServiceProcess service = launch("crash");

        assertThatThrownBy(() -> service.awaitReady(probe, Instant.now().plus(GENEROUS)))
                .hasMessageContaining("boom: cannot connect to anything")
                .hasMessageNotContaining("an earlier run's last words");
    }

    @Test
    void aStopRequestLetsTheServiceShutDownGracefully() throws Exception {
        ServiceProcess service = launch("ready");
        service.awaitReady(probe, Instant.now().plus(GENEROUS));

        service.requestStop();

        assertThat(service.awaitExit(Instant.now().plus(GENEROUS))).isTrue();
        assertThat(Files.readString(service.logFile())).contains("fake service stopped gracefully");
    }

    @Test
    void aServiceThatIgnoresTheStopRequestCanBeKilled() {
        ServiceProcess service = launch("stubborn");
        service.awaitReady(probe, Instant.now().plus(GENEROUS));

        service.requestStop();
        assertThat(service.awaitExit(Instant.now().plus(Duration.ofSeconds(1)))).isFalse();
        service.kill();

        assertThat(service.awaitExit(Instant.now().plus(GENEROUS))).isTrue();
    }

    @Test
    void stoppingAServiceAlsoStopsTheProcessesItStarted() {
        ServiceProcess service = launch("with-child");
        service.awaitReady(probe, Instant.now().plus(GENEROUS));
        long childPid = childPid(service);
        assertThat(ProcessHandle.of(childPid)).hasValueSatisfying(child -> assertThat(child.isAlive()).isTrue());

        service.requestStop();
        service.awaitExit(Instant.now().plus(GENEROUS));

        await().atMost(GENEROUS).until(() -> ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false),
                alive -> !alive);
    }

    private ServiceProcess launch(String behaviour) {
        int port = FreePorts.allocate(1)[0];
        ServiceProcess process = ServiceProcess.launch("fake-service", port, FakeServices.command(),
                Map.of("SERVER_PORT", String.valueOf(port), "FAKE_SERVICE", behaviour), directory,
                directory.resolve("logs").resolve("fake-service.log"));
        started.add(process);
        return process;
    }

    private static long childPid(ServiceProcess service) {
        Pattern childLine = Pattern.compile("child pid (\\d+)");
        return await().atMost(GENEROUS).until(() -> {
            Matcher matcher = childLine.matcher(Files.readString(service.logFile()));
            return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.<Long>empty();
        }, Optional::isPresent).orElseThrow();
    }
}
