package com.loyalty.chat.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.localstack.LocalStackInitializer;

/** stats-service starts against the real database and broker, is healthy, and only admins get past its door. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = LocalStackInitializer.class)
class StatsSecurityTest {

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void reportsReadyWithoutToken() throws Exception {
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesMissingForgedAndNonAdminTokensInTheEnvelope() throws Exception {
        assertThat(get("/api/v2/admin/chat/stats/today", null).body()).contains("\"code\":4001");
        assertThat(get("/api/v2/admin/chat/stats/today", "forged").body()).contains("\"code\":4002");
        String user = LocalStack.shared().tokens().issue(50, "13800000050", "u", false);
        HttpResponse<String> forbidden = get("/api/v2/admin/chat/stats/today", user);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("\"code\":4003").contains("\"success\":false");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
