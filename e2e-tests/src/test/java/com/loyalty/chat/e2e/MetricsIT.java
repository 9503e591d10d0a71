package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.ChatStack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard names only metrics that exist: after some traffic, every metric its queries select is in
 * some service's {@code /actuator/prometheus}, which each service answers on its own port without a token.
 */
class MetricsIT {

    /** A metric selector in PromQL: a name right before its label matchers or range (the dashboard always has them). */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
    private static final List<String> SERVICES = List.of("session-service", "message-service", "stats-service",
            "gateway-service", "realtime-1", "realtime-2");

    private final String gateway = SystemUnderTest.gatewayUrl();
    private final ChatStack stack = SystemUnderTest.stack();
    private final Api api = new Api(gateway);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void everyMetricTheDashboardQueriesIsExposedBySomeService() throws IOException {
        Set<String> queried = dashboardMetrics();
        assertThat(queried).contains("chat_realtime_connections", "chat_messages_stored_total");

        someTraffic();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(exposedMetrics()).containsAll(queried));
    }

    @Test
    void anErrorAnswerIsCountedByTheServiceThatWroteItWithItsCode() {
        String owner = api.login(IdentityIT.freshMobile());
        String sessionId = api.post("/api/v2/chat/sessions", owner, "{}").data().path("sessionId").asString();

        ErrorTableIT.assertError(api.get("/api/v2/chat/sessions/" + sessionId + "/messages",
                api.login(IdentityIT.freshMobile())), 404, 4004);

        assertThat(scrape(stack.serviceUrl("message-service").resolve("/actuator/prometheus")).body().lines()
                .filter(line -> line.startsWith("chat_http_errors_total{")))
                .anySatisfy(line -> assertThat(line).contains("code=\"4004\"", "status=\"404\""));
    }

    /** The backlog gauges query their tables; -1 would say the count failed. */
    @Test
    void theOutboxBacklogsAreCounted() {
        for (String service : List.of("message-service", "session-service")) {
            String backlog = scrape(stack.serviceUrl(service).resolve("/actuator/prometheus")).body().lines()
                    .filter(line -> line.startsWith("chat_outbox_backlog{"))
                    .findFirst().orElseThrow();
            assertThat(Double.parseDouble(backlog.substring(backlog.lastIndexOf(' ') + 1))).as(service)
                    .isGreaterThanOrEqualTo(0);
        }
    }

    private void someTraffic() {
        String userToken = api.login(IdentityIT.freshMobile());
        String sessionId = api.post("/api/v2/chat/sessions", userToken, "{}").data().path("sessionId").asString();
        try (TestSocket admin = SystemUnderTest.connectToAnyLiveNode(gateway, "/ws", api.login("13612227930"));
             TestSocket user = SystemUnderTest.connectToAnyLiveNode(gateway, "/ws", userToken)) {
            admin.awaitFrame("connection_established");
            user.send("send_message", TestSocket.data().put("sessionId", sessionId).put("content", "量一量")
                    .put("messageType", "text").put("tempMessageId", "metrics-1"));
            user.awaitFrame("message_sent");
        }
        // An error answer, so the error counter has a series.
        assertThat(api.get("/api/v2/chat/sessions", null).status()).isEqualTo(401);
    }

    private Set<String> dashboardMetrics() throws IOException {
        Path projectRoot = Path.of(System.getProperty("chat.project.root", "..")).toAbsolutePath().normalize();
        JsonNode dashboard = JsonMapper.builder().build()
                .readTree(Files.readString(projectRoot.resolve("infra/grafana/dashboards/chat-backend.json")));
        Set<String> metrics = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher selector = SELECTOR.matcher(target.path("expr").asString());
                while (selector.find()) {
                    metrics.add(selector.group(1));
                }
            }
        }
        return metrics;
    }

    private Set<String> exposedMetrics() {
        Set<String> metrics = new TreeSet<>();
        for (String service : SERVICES) {
            HttpResponse<String> scrape = scrape(stack.serviceUrl(service).resolve("/actuator/prometheus"));
            assertThat(scrape.statusCode()).as(service).isEqualTo(200);
            try (Stream<String> lines = scrape.body().lines()) {
                lines.filter(line -> !line.isBlank() && !line.startsWith("#"))
                        .map(line -> line.split("[{ ]", 2)[0])
                        .forEach(metrics::add);
            }
        }
        return metrics;
    }

    private HttpResponse<String> scrape(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Scraping " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
