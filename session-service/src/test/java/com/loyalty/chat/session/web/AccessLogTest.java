package com.loyalty.chat.session.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.ServiceTest;

/**
 * WebSocket clients put their token in the query string ({@code ?token=}), and some send it to REST paths too: no
 * line of the access log or of the application log may show it.
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTest {

    @Value("${local.server.port}")
    int port;

    @Value("${server.tomcat.accesslog.directory}/${server.tomcat.accesslog.prefix}${server.tomcat.accesslog.suffix}")
    Path accessLog;

    private final String token = LocalStack.shared().tokens().issue(Api.ADMIN_ID, Api.ADMIN_MOBILE, "管理员用户", true);

    @Test
    void aTokenInTheQueryStringIsNeverLogged(CapturedOutput output) throws Exception {
        String requestId = "access-log-" + UUID.randomUUID();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v2/chat/sessions?token=" + token))
                .header("Authorization", "Bearer " + token)
                .header("X-Request-Id", requestId)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        // A character Tomcat refuses in a request target: it answers 400 without the application.
        assertThat(sendRaw("GET /api/v2/chat/sessions?token=" + token + "|x HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 400");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Files.readString(accessLog)).contains(requestId));
        String line = Files.readAllLines(accessLog).stream().filter(it -> it.contains(requestId)).findFirst()
                .orElseThrow();
        assertThat(line).contains("\"GET /api/v2/chat/sessions HTTP/1.1\" 200");
        assertThat(Files.readString(accessLog)).doesNotContain(token).doesNotContain(signatureOf(token));
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(signatureOf(token));
    }

    private String sendRaw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** The part of a JWT that is unique to it; a log line cut short would still show it. */
    private static String signatureOf(String jwt) {
        return jwt.substring(jwt.lastIndexOf('.') + 1);
    }
}
