package com.loyalty.chat.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** docker-compose.yml as Compose itself reads it: schema, interpolation, anchors, references between services. */
class DockerComposeConfigTest {

    @Test
    void composeFileIsValid() throws IOException, InterruptedException {
        Path composeBinary = onPath("docker-compose");
        if (composeBinary == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("docker-compose is not installed: .ci/run installs Debian's docker-compose package; without it "
                        + "docker-compose.yml goes unchecked");
            }
            assumeTrue(false, "docker-compose is not installed (apt-get install docker-compose)");
        }
        Path output = Files.createTempFile("docker-compose-config", ".log");
        Process process = new ProcessBuilder(composeBinary.toString(), "-f", Compose.FILE, "config", "-q")
                .directory(Repository.ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean exited = process.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);

        assertThat(exited).as("docker-compose config finished").isTrue();
        assertThat(process.exitValue()).as("docker-compose config -q said:\n" + printed).isZero();
    }

    private static Path onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
