package com.loyalty.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunMainTest {

    private static final URI GATEWAY = URI.create("http://127.0.0.1:3000");

    @Test
    void pointsToTheApiDescriptionThroughTheGateway() {
        String text = RunMain.observability(GATEWAY, Map.of("gateway-service", GATEWAY));

        assertThat(text).contains("http://localhost:3000/api/v2/docs ", "http://localhost:3000/api/v2/docs/ui",
                "docs/asyncapi.yaml");
    }

    @Test
    void pointsToEveryProcesssMetrics() {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("session-service", URI.create("http://127.0.0.1:8081"));
        services.put("realtime-2", URI.create("http://127.0.0.1:8091"));

        String text = RunMain.observability(GATEWAY, services);

        assertThat(text).containsPattern("session-service +http://localhost:8081/actuator/prometheus")
                .containsPattern("realtime-2 +http://localhost:8091/actuator/prometheus");
    }

    @Test
    void tellsHowToSendTraces() {
        assertThat(RunMain.observability(GATEWAY, Map.of())).contains("CHAT_OTLP_ENDPOINT=");
    }
}
