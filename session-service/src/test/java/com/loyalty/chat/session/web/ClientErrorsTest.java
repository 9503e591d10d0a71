package com.loyalty.chat.session.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Value;

import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.ServiceTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Requests Spring MVC or the container refuses before any controller runs still get the envelope. */
@ServiceTest
class ClientErrorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String admin = LocalStack.shared().tokens().issue(Api.ADMIN_ID, Api.ADMIN_MOBILE, "管理员用户", true);

    @Test
    void aMethodThePathDoesNotServeIs405WithTheAllowedOnes() throws Exception {
        HttpResponse<String> answer = send(request("/api/v2/chat/sessions").DELETE());

        assertEnvelope(answer, 405, 4000);
        assertThat(answer.headers().firstValue("Allow").orElseThrow()).contains("GET", "POST");
    }

    @Test
    void anAnswerTheClientDoesNotAcceptIs406StillInJson() throws Exception {
        HttpResponse<String> answer = send(request("/api/v2/chat/sessions").header("Accept", "application/xml"));

        assertEnvelope(answer, 406, 4000);
    }

    @Test
    void aBodyThatIsNotJsonByItsContentTypeIs415() throws Exception {
        HttpResponse<String> answer = send(request("/api/v2/auth/login").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("13612227930")));

        assertEnvelope(answer, 415, 4000);
    }

    @Test
    void aBodyThatIsNotJsonIs400() throws Exception {
        HttpResponse<String> answer = send(request("/api/v2/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mobile\":")));

        assertEnvelope(answer, 400, 4000);
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v2/admin/chat/sessions?page=abc, page",
            "/api/v2/admin/chat/sessions?pageSize=99999999999, pageSize",
            "/api/v2/admin/chat/operation-logs?adminId=99999999999999999999, adminId"})
    void aParameterThatIsNotANumberOrTooLargeIs400NamingIt(String path, String parameter) throws Exception {
        HttpResponse<String> answer = send(request(path));

        assertEnvelope(answer, 400, 4000);
        assertThat(JSON.readTree(answer.body()).get("msg").asString()).startsWith(parameter + ":");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"toAdminId\":\"abc\"}",
            "{\"toAdminId\":1e30}",
            "{\"toAdminId\":99999999999999999999999}",
            "{\"toAdminId\":[1]}"})
    void aFieldOfTheWrongJsonTypeIs400NamingIt(String body) throws Exception {
        HttpResponse<String> answer = send(request("/api/v2/admin/chat/sessions/session_1_deadbeef/transfer")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

        assertEnvelope(answer, 400, 4000);
        assertThat(JSON.readTree(answer.body()).get("msg").asString()).startsWith("toAdminId:");
    }

    @Test
    void aPathTheFirewallRejectsIs400InTheEnvelope() throws Exception {
        HttpResponse<String> answer = send(request("/api/v2/admin/chat/sessions/a%3Bb"));

        assertEnvelope(answer, 400, 4000);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + admin);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertEnvelope(HttpResponse<String> answer, int status, int code) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("code").asInt()).isEqualTo(code);
        assertThat(body.get("data").isNull()).isTrue();
    }
}
