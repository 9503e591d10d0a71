package com.loyalty.chat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docker-compose.yml and the Prometheus and Grafana files it mounts, against what each service reads. */
class ComposeMatchesServicesTest {

    private static final Compose COMPOSE = Compose.load();

    /** The compose services built from a service module. */
    static Stream<String> builtServices() {
        return COMPOSE.services().entrySet().stream().filter(e -> Compose.module(e.getValue()).isPresent())
                .map(Map.Entry::getKey);
    }

    @Test
    void everyServiceModuleIsBuiltWithThreeRealtimeNodes() {
        List<String> modules = builtServices().map(s -> Compose.module(COMPOSE.service(s)).orElseThrow()).toList();

        assertThat(modules).containsAll(ServiceModule.NAMES);
        assertThat(modules).filteredOn("realtime-service"::equals).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtServices")
    void healthcheckAsksForReadinessOnTheServicePort(String name) {
        ServiceModule service = module(name);

        assertThat(ServiceModule.at(COMPOSE.service(name), "healthcheck", "test"))
                .isEqualTo(List.of("CMD", "/app/probe", String.valueOf(service.port()), service.readinessPath()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtServices")
    void imageIsTaggedAsTheDevOverlayDeploysIt(String name) {
        assertThat(COMPOSE.service(name).get("image")).isEqualTo("chat-backend/" + module(name).name() + ":local");
    }

    @Test
    void everyLongRunningContainerHasAHealthcheck() {
        List<String> oneShots = COMPOSE.services().values().stream()
                .flatMap(s -> dependsOn(s).entrySet().stream())
                .filter(d -> "service_completed_successfully".equals(ServiceModule.at(d.getValue(), "condition")))
                .map(Map.Entry::getKey).toList();

        assertThat(COMPOSE.services()).allSatisfy((name, service) -> {
            if (!oneShots.contains(name)) {
                assertThat(service).as(name).containsKey("healthcheck");
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtServices")
    void everyEnvironmentVariableSetIsOneTheServiceReads(String name) {
        ServiceModule service = module(name);

        assertThat(Compose.environment(COMPOSE.service(name)).keySet()).allSatisfy(variable ->
                assertThat(service.reads(variable))
                        .as(name + " reads " + variable + " (it reads " + service.environmentVariables() + ")")
                        .isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtServices")
    void stopGracePeriodOutlastsTheServicesShutdown(String name) {
        ServiceModule service = module(name);
        Duration shutdown = service.name().equals("realtime-service")
                ? RealtimeDrain.shutdown()
                : service.shutdownPhaseTimeout();

        assertThat(Durations.parse(String.valueOf(COMPOSE.service(name).get("stop_grace_period"))))
                .isGreaterThan(shutdown);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtServices")
    void memoryLimitLeavesTheJvmRoomBesideItsHeap(String name) {
        Object limit = COMPOSE.service(name).get("mem_limit");

        assertThat(limit).as(name + " mem_limit").isNotNull();
        assertThat(ImageJvm.fits(Compose.bytes(String.valueOf(limit))))
                .as(name + ": " + limit + " at MaxRAMPercentage=" + ImageJvm.maxRamPercentage()).isTrue();
    }

    @Test
    void kafkaKeepsItsLogsOnItsVolume() {
        Map<String, Object> kafka = COMPOSE.service("kafka");
        String logDirs = String.valueOf(Compose.environment(kafka).get("KAFKA_LOG_DIRS"));

        assertThat(Compose.volumes(kafka)).anySatisfy(volume ->
                assertThat(volume).matches("^[a-z][a-z0-9_-]*:" + logDirs + "$"));
    }

    @Test
    void gatewayListsEveryRealtimeNode() {
        List<String> nodes = builtServices().filter(s -> module(s).name().equals("realtime-service"))
                .map(s -> "http://" + s + ":" + module(s).port()).toList();
        String gateway = builtServices().filter(s -> module(s).name().equals("gateway-service")).findFirst()
                .orElseThrow();

        assertThat(String.valueOf(Compose.environment(COMPOSE.service(gateway)).get("CHAT_REALTIME_NODES"))
                .split(",")).containsExactlyInAnyOrderElementsOf(nodes);
    }

    @Test
    void sessionServiceSendsCodesToTheSmsSinkAndBootstrapsAnAdmin() {
        String session = builtServices().filter(s -> module(s).name().equals("session-service")).findFirst()
                .orElseThrow();
        Map<String, Object> environment = Compose.environment(COMPOSE.service(session));
        String webhook = String.valueOf(environment.get("CHAT_SMS_WEBHOOK_URL"));
        String sinkHost = webhook.replaceFirst("^https?://", "").replaceFirst("[:/].*$", "");

        assertThat(environment).doesNotContainKey("SPRING_PROFILES_ACTIVE");
        assertThat(COMPOSE.services()).containsKey(sinkHost);
        assertThat(String.valueOf(environment.get("CHAT_BOOTSTRAP_ADMINS"))).matches(".*\\d{11}.*");
    }

    @Test
    void prometheusScrapesEveryServiceOnItsActuatorEndpoint() {
        Map<String, Object> prometheus = ServiceModule.yaml(Repository.path("infra/prometheus/prometheus.yml"));
        List<String> scraped = new ArrayList<>();
        for (Object job : (List<?>) prometheus.get("scrape_configs")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) job;
            if ("/actuator/prometheus".equals(config.get("metrics_path"))) {
                for (Object staticConfig : (List<?>) config.get("static_configs")) {
                    scraped.addAll(((Map<String, List<String>>) staticConfig).get("targets"));
                }
            }
        }

        assertThat(scraped).containsExactlyInAnyOrderElementsOf(
                builtServices().map(s -> s + ":" + module(s).port()).toList());
    }

    @Test
    void grafanaIsProvisionedWithThePrometheusDatasourceAndTheDashboardFolder() {
        Map<String, Object> grafana = COMPOSE.service("grafana");
        Map<String, Object> datasources =
                ServiceModule.yaml(Repository.path("infra/grafana/provisioning/datasources/prometheus.yml"));
        Map<String, Object> dashboards =
                ServiceModule.yaml(Repository.path("infra/grafana/provisioning/dashboards/chat-backend.yml"));
        Object dashboardPath = ServiceModule.at((Map<String, Object>) ((List<?>) dashboards.get("providers")).getFirst(),
                "options", "path");
        Object datasourceUrl = ((Map<?, ?>) ((List<?>) datasources.get("datasources")).getFirst()).get("url");

        assertThat(Compose.volumes(grafana)).contains(
                "./infra/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./infra/grafana/dashboards:" + dashboardPath + ":ro");
        assertThat(COMPOSE.services()).containsKey("prometheus");
        assertThat(datasourceUrl).isEqualTo("http://prometheus:9090");
    }

    private static ServiceModule module(String composeService) {
        return ServiceModule.named(Compose.module(COMPOSE.service(composeService)).orElseThrow());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> dependsOn(Map<String, Object> service) {
        Object dependsOn = service.get("depends_on");
        return dependsOn instanceof Map<?, ?> map ? (Map<String, Map<String, Object>>) map : Map.of();
    }
}
