package com.loyalty.chat.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.localstack.LocalStackInitializer;

/** The HTTP face of stats-service: health, the admin-only door, the answer's shape and its 4000 cases. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = LocalStackInitializer.class)
class StatsApiTest {

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

    @Test
    void answersTodayInTheContractShape() throws Exception {
        HttpResponse<String> answer = get("/api/v2/admin/chat/stats/today", admin());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"success\":true", "\"code\":0", "\"msg\":\"今日统计获取成功\"",
                "\"adminId\":31", "\"scope\":\"mine\"", "\"date\":\"", "\"avgResponseTime\":",
                "\"avgResponseTimeSeconds\":", "\"customerSatisfaction\":", "\"responseRate\":",
                "\"waitingSessions\":", "\"todayMessages\":");
    }

    @Test
    void refusesBadScopeAndBadRangesWith4000() throws Exception {
        for (String path : new String[] {
                "/api/v2/admin/chat/stats/today?scope=team",
                "/api/v2/admin/chat/stats/daily?to=2025-08-12",
                "/api/v2/admin/chat/stats/daily?from=yesterday&to=2025-08-12",
                "/api/v2/admin/chat/stats/daily?from=2025-01-01&to=2025-08-12",
                "/api/v2/admin/chat/stats/daily?from=2025-08-12&to=2025-08-11"}) {
            HttpResponse<String> answer = get(path, admin());
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.body()).as(path).contains("\"code\":4000", "\"data\":null");
        }
    }

    @Test
    void answersDailyRowsForARange() throws Exception {
        HttpResponse<String> answer = get("/api/v2/admin/chat/stats/daily?from=2025-08-10&to=2025-08-12&scope=all",
                admin());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"date\":\"2025-08-10\"", "\"date\":\"2025-08-12\"",
                "\"scope\":\"all\"");
    }

    @Test
    void aMethodThePathDoesNotServeIs405WithTheAllowedOnes() throws Exception {
        HttpResponse<String> answer = send(request("/api/v2/admin/chat/stats/today", admin()).DELETE());

        assertEnvelope(answer, 405, 4000);
        assertThat(answer.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void anAnswerTheClientDoesNotAcceptIs406StillInJson() throws Exception {
        HttpResponse<String> answer = send(request("/api/v2/admin/chat/stats/today", admin())
                .header("Accept", "application/xml"));

        assertEnvelope(answer, 406, 4000);
    }

    @Test
    void aPathTheFirewallRejectsIs400InTheEnvelope() throws Exception {
        assertEnvelope(get("/api/v2/admin/chat/stats/to%3Bday", admin()), 400, 4000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v2/admin/chat/stats/daily?from=%2B999999999-12-31&to=%2B999999999-12-31",
            "/api/v2/admin/chat/stats/daily?from=-0001-01-01&to=-0001-01-02",
            "/api/v2/admin/chat/stats/daily?from=0999-12-31&to=1000-01-01",
            "/api/v2/admin/chat/stats/daily?from=9999-12-31&to=%2B10000-01-01"})
    void daysOutsideTheDatabasesCalendarAre400(String path) throws Exception {
        assertEnvelope(get(path, admin()), 400, 4000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "99999999999999999999", "31.0", ""})
    void aTokenWhoseSubjectIsNotAUserIdIs4002(String subject) throws Exception {
        HttpResponse<String> answer = get("/api/v2/admin/chat/stats/today", TokenWithSubject.signed(subject));

        assertEnvelope(answer, 401, 4002);
    }

    private static void assertEnvelope(HttpResponse<String> answer, int status, int code) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(answer.body()).contains("\"success\":false", "\"code\":" + code, "\"data\":null");
    }

    private static String admin() {
        return LocalStack.shared().tokens().issue(31, "13612227930", "管理员用户", true);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(request(path, token));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
