package com.loyalty.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code infra/stale-modules.sh}, which tells {@code ./run} which executable jars to rebuild. */
class StaleModulesTest {

    /** Surefire runs in the module's folder, infra/local-stack. */
    private static final Path SCRIPT = Path.of("../stale-modules.sh").toAbsolutePath().normalize();
    private static final String VERSION = "1.0";
    private static final List<String> MODULES = List.of("infra/local-stack", "session-service", "realtime-service");
    private static final Instant BUILT = Instant.parse("2026-01-02T00:00:00Z");
    private static final Instant BEFORE = BUILT.minusSeconds(3600);
    private static final Instant AFTER = BUILT.plusSeconds(3600);

    @TempDir
    Path root;

    @BeforeEach
    void everyJarBuiltAfterItsSources() throws IOException {
        write("pom.xml", BEFORE);
        for (String module : List.of("contracts", "chassis", "infra/local-stack", "session-service",
                "realtime-service")) {
            write(module + "/pom.xml", BEFORE);
            write(module + "/src/main/java/Some.java", BEFORE);
        }
        for (String module : MODULES) {
            String name = Path.of(module).getFileName().toString();
            write(module + "/target/" + name + "-" + VERSION + "-exec.jar", BUILT);
        }
    }

    @Test
    void nothingIsStaleWhenEveryJarIsNewerThanItsSources() throws Exception {
        assertThat(staleModules()).isEmpty();
    }

    @Test
    void aModuleWithASourceNewerThanItsJarIsStale() throws Exception {
        write("session-service/src/main/java/Changed.java", AFTER);

        assertThat(staleModules()).containsExactly("session-service");
    }

    @Test
    void aModuleWhoseJarIsMissingIsStale() throws Exception {
        Files.delete(root.resolve("realtime-service/target/realtime-service-" + VERSION + "-exec.jar"));

        assertThat(staleModules()).containsExactly("realtime-service");
    }

    @Test
    void aChangedUpstreamModuleMakesTheServicesBuiltFromItStale() throws Exception {
        write("chassis/src/main/java/Changed.java", AFTER);

        assertThat(staleModules()).containsExactly("session-service");
    }

    @Test
    void aChangedRootPomMakesEveryModuleStale() throws Exception {
        write("pom.xml", AFTER);

        assertThat(staleModules()).containsExactlyElementsOf(MODULES);
    }

    private List<String> staleModules() throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "source \"$0\" && stale_modules \"$@\"", SCRIPT.toString(), root.toString(), VERSION));
        command.addAll(MODULES);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isZero();
        return output.lines().toList();
    }

    private void write(String relative, Instant modified) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, relative);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
