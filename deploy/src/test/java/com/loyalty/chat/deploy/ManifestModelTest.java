package com.loyalty.chat.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestModelTest {

    static final Path K8S = Repository.path("deploy/k8s");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void kustomizationResolvesIntoTypedObjectsWithoutUnknownFields(String directory) {
        Kustomization kustomization = Kustomization.load(K8S.resolve(directory));

        assertThat(kustomization.problems()).isEmpty();
        assertThat(kustomization.objects()).isNotEmpty();
    }

    @Test
    void everyManifestFileIsReadByAnOverlay() {
        Set<Path> read = new HashSet<>();
        read.addAll(Kustomization.load(K8S.resolve("overlays/dev")).files());
        read.addAll(Kustomization.load(K8S.resolve("overlays/prod")).files());

        assertThat(Kustomization.yamlFilesUnder(K8S)).allSatisfy(file -> assertThat(read).contains(file));
    }

    @Test
    void aMisplacedFieldIsRejected() {
        Map<String, Object> deployment = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "x"),
                "spec", Map.of("replica", 2));

        assertThatThrownBy(() -> StrictModel.parse(deployment, "inline"))
                .hasMessageContaining("Deployment.spec.replica");
    }

    @Test
    void anUnknownKindIsRejected() {
        Map<String, Object> unknown = Map.of("apiVersion", "example.com/v1", "kind", "Deploymnet",
                "metadata", Map.of("name", "x"));

        assertThatThrownBy(() -> StrictModel.parse(unknown, "inline")).hasMessageContaining("unknown kind");
    }
}
