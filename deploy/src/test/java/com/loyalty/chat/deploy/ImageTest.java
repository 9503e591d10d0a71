package com.loyalty.chat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** infra/docker/Dockerfile and .dockerignore, against what compose and the manifests expect of the image. */
class ImageTest {

    private static final String DOCKERFILE = Repository.read(Repository.path("infra/docker/Dockerfile"));
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\d+)(?::(\\d+))?\\s*$");

    @Test
    void imageRunsAsTheNumericUserThePodsRequire() {
        Matcher user = USER.matcher(DOCKERFILE);
        assertThat(user.find()).as("a numeric USER, which runAsNonRoot can verify").isTrue();
        Kustomization base = Kustomization.load(ManifestModelTest.K8S.resolve("base"));

        assertThat(base.all(Deployment.class)).allSatisfy(deployment -> {
            var security = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
            assertThat(security.getRunAsNonRoot()).isTrue();
            assertThat(security.getRunAsUser()).isEqualTo(Long.parseLong(user.group(1)));
        });
    }

    @Test
    void jvmExitsOnOutOfMemoryAndStartsFromTheExtractedLayers() {
        assertThat(ImageJvm.entrypoint())
                .contains("\"-XX:+ExitOnOutOfMemoryError\"")
                .contains("\"org.springframework.boot.loader.launch.JarLauncher\"");
        assertThat(DOCKERFILE).contains("-Djarmode=tools -jar /tmp/app.jar extract --layers --launcher");
    }

    @Test
    void imageHasTheProbeTheComposeHealthchecksRun() {
        assertThat(DOCKERFILE).containsPattern("(?m)^COPY .*infra/docker/probe /app/probe$");
    }

    @Test
    void buildContextLeavesOutBuildOutputAndSecrets() {
        List<String> ignored = Repository.read(Repository.path(".dockerignore")).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        assertThat(ignored).contains(".git", "**/target", ".run", "**/*.pem");
    }
}
