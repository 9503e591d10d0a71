package com.loyalty.chat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The manifests against what each service reads: ports, probe groups, environment names, shutdown, memory. */
class ManifestsMatchServicesTest {

    private static final Kustomization BASE = Kustomization.load(ManifestModelTest.K8S.resolve("base"));
    private static final List<String> OVERLAYS = List.of("overlays/dev", "overlays/prod");

    static Stream<String> services() {
        return ServiceModule.NAMES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void containerServesOnTheServicePort(String name) {
        ServiceModule service = ServiceModule.named(name);

        assertThat(container(name).getPorts()).extracting(ContainerPort::getContainerPort).containsExactly(service.port());
        assertThat(Kustomization.imageName(container(name).getImage())).isEqualTo("chat-backend/" + name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void probesAskTheActuatorHealthGroupsOnTheServicePort(String name) {
        ServiceModule service = ServiceModule.named(name);
        Container container = container(name);

        assertThat(service.probesEnabled()).as(name + " enables the liveness and readiness groups").isTrue();
        assertProbe(container, container.getReadinessProbe(), service.readinessPath(), service.port());
        assertProbe(container, container.getLivenessProbe(), service.livenessPath(), service.port());
        assertProbe(container, container.getStartupProbe(), service.livenessPath(), service.port());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyServiceInFrontOfThePodsReachesTheServicePort(String name) {
        ServiceModule service = ServiceModule.named(name);
        Deployment deployment = deployment(name);
        List<Service> selecting = BASE.all(Service.class).stream()
                .filter(s -> deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                        .containsAll(s.getSpec().getSelector().entrySet()))
                .toList();

        assertThat(selecting).as("Services in front of " + name).isNotEmpty();
        for (Service front : selecting) {
            for (ServicePort port : front.getSpec().getPorts()) {
                assertThat(port.getPort()).as(front.getMetadata().getName() + " port").isEqualTo(service.port());
                assertThat(resolve(container(name), port.getTargetPort()))
                        .as(front.getMetadata().getName() + " targetPort").isEqualTo(service.port());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyEnvironmentVariableSetIsOneTheServiceReads(String name) {
        ServiceModule service = ServiceModule.named(name);
        List<String> set = new ArrayList<>(names(container(name).getEnv()));
        for (String overlay : OVERLAYS) {
            Kustomization.load(ManifestModelTest.K8S.resolve(overlay)).patches().stream()
                    .filter(patch -> patch.object() instanceof Deployment
                            && patch.object().getMetadata().getName().equals(name))
                    .flatMap(patch -> Kustomization.containers(patch.object()))
                    .forEach(patched -> set.addAll(names(patched.getEnv())));
        }

        assertThat(set).allSatisfy(variable -> assertThat(service.reads(variable))
                .as(name + " reads " + variable + " (it reads " + service.environmentVariables() + ")").isTrue());
    }

    @Test
    void profilesActivatedExistInTheService() {
        for (String overlay : OVERLAYS) {
            for (Kustomization.Patch patch : Kustomization.load(ManifestModelTest.K8S.resolve(overlay)).patches()) {
                List<String> profiles = Kustomization.containers(patch.object())
                        .flatMap(c -> c.getEnv().stream())
                        .filter(e -> e.getName().equals("SPRING_PROFILES_ACTIVE"))
                        .flatMap(e -> Stream.of(e.getValue().split(",")))
                        .toList();
                if (!profiles.isEmpty()) {
                    assertThat(ServiceModule.named(patch.object().getMetadata().getName()).profiles())
                            .as(overlay).containsAll(profiles);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void staticGroupMembershipTakesThePodName(String name) {
        ServiceModule service = ServiceModule.named(name);
        if (service.joinsConsumerGroup()) {
            assertThat(fieldRef(container(name), "CHAT_INSTANCE_ID")).isEqualTo("metadata.name");
        }
    }

    @Test
    void realtimeNodeIdIsThePodName() {
        assertThat(fieldRef(container("realtime-service"), "CHAT_NODE_ID")).isEqualTo("metadata.name");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void terminationGraceCoversPreStopAndShutdown(String name) {
        Duration shutdown = name.equals("realtime-service")
                ? RealtimeDrain.shutdown()
                : ServiceModule.named(name).shutdownPhaseTimeout();
        Container container = container(name);
        List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        Duration needed = Duration.ofSeconds(Long.parseLong(preStop.get(1))).plus(shutdown);

        assertThat(Duration.ofSeconds(deployment(name).getSpec().getTemplate().getSpec()
                .getTerminationGracePeriodSeconds())).isGreaterThan(needed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void memoryLimitLeavesTheJvmRoomBesideItsHeap(String name) {
        Map<String, Quantity> requests = container(name).getResources().getRequests();
        Map<String, Quantity> limits = container(name).getResources().getLimits();
        long limit = Quantity.getAmountInBytes(limits.get("memory")).longValueExact();

        assertThat(requests.get("memory")).as("the request is the limit: never killed for a neighbour's use")
                .isEqualTo(limits.get("memory"));
        assertThat(ImageJvm.fits(limit)).as(name + ": " + limits.get("memory") + " at MaxRAMPercentage="
                + ImageJvm.maxRamPercentage()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void aDisruptionBudgetCoversThePods(String name) {
        Map<String, String> labels = deployment(name).getSpec().getTemplate().getMetadata().getLabels();

        assertThat(BASE.all(PodDisruptionBudget.class)).anySatisfy(budget -> assertThat(labels.entrySet())
                .containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet()));
    }

    @Test
    void realtimeNodesScaleOnTheConnectionsTheyHold() {
        HorizontalPodAutoscaler autoscaler = BASE.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals("realtime-service"))
                .findFirst().orElseThrow(() -> new AssertionError("no autoscaler for realtime-service"));

        assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(autoscaler.getSpec().getMetrics()).extracting(MetricSpec::getType).containsExactly("Pods");
        assertThat(autoscaler.getSpec().getMetrics().getFirst().getPods().getMetric().getName())
                .isEqualTo("chat_realtime_connections");
    }

    @Test
    void gatewayFindsTheRealtimeNodesThroughAHeadlessService() {
        String dns = value(container("gateway-service"), "CHAT_REALTIME_NODES_DNS");
        String host = dns.substring(0, dns.lastIndexOf(':'));
        int port = Integer.parseInt(dns.substring(dns.lastIndexOf(':') + 1));
        Service nodes = BASE.one(Service.class, host);

        assertThat(nodes.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(deployment("realtime-service").getSpec().getTemplate().getMetadata().getLabels().entrySet())
                .containsAll(nodes.getSpec().getSelector().entrySet());
        assertThat(nodes.getSpec().getPorts()).extracting(ServicePort::getPort).contains(port);
        assertThat(value(container("gateway-service"), "CHAT_REALTIME_NODES")).as("no fixed list beside it").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyConfigMapKeyReferencedIsGenerated(String directory) {
        Kustomization kustomization = Kustomization.load(ManifestModelTest.K8S.resolve(directory));

        assertThat(kustomization.objects().stream().flatMap(Kustomization::containers)
                .flatMap(c -> c.getEnv().stream())
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null)
                .map(e -> e.getValueFrom().getConfigMapKeyRef()))
                .allSatisfy(ref -> assertThat(kustomization.configMaps().getOrDefault(ref.getName(), Set.of()))
                        .as("ConfigMap " + ref.getName()).contains(ref.getKey()));
    }

    @Test
    void devOverlayBringsEverySecretItNeeds() {
        Kustomization dev = Kustomization.load(ManifestModelTest.K8S.resolve("overlays/dev"));
        List<String> missing = new ArrayList<>();
        dev.objects().stream().flatMap(Kustomization::containers).flatMap(c -> c.getEnv().stream())
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef())
                .filter(ref -> !Boolean.TRUE.equals(ref.getOptional()))
                .filter(ref -> !dev.secrets().getOrDefault(ref.getName(), Set.of()).contains(ref.getKey()))
                .forEach(ref -> missing.add(ref.getName() + "/" + ref.getKey()));
        dev.all(Deployment.class).stream().flatMap(d -> d.getSpec().getTemplate().getSpec().getVolumes().stream())
                .map(Volume::getSecret)
                .filter(secret -> secret != null && !Boolean.TRUE.equals(secret.getOptional()))
                .filter(secret -> !dev.secrets().containsKey(secret.getSecretName()))
                .forEach(secret -> missing.add(secret.getSecretName()));

        assertThat(missing).isEmpty();
    }

    private static void assertProbe(Container container, Probe probe, String path, int port) {
        assertThat(probe).as(container.getName() + " probe on " + path).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get.getPath()).as(container.getName() + " probe path").isEqualTo(path);
        assertThat(resolve(container, get.getPort())).as(container.getName() + " probe port on " + path)
                .isEqualTo(port);
    }

    /** A port given by number or by the container port's name. */
    private static int resolve(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + port.getStrVal()));
    }

    private static Deployment deployment(String name) {
        return BASE.one(Deployment.class, name);
    }

    private static Container container(String name) {
        List<Container> containers = deployment(name).getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as(name + "'s containers").hasSize(1);
        return containers.getFirst();
    }

    private static List<String> names(List<EnvVar> environment) {
        return environment.stream().map(EnvVar::getName).toList();
    }

    private static String fieldRef(Container container, String variable) {
        return container.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst()
                .map(e -> e.getValueFrom().getFieldRef().getFieldPath())
                .orElseThrow(() -> new AssertionError(container.getName() + " does not set " + variable));
    }

    private static String value(Container container, String variable) {
        return container.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst()
                .map(EnvVar::getValue).orElse(null);
    }
}
