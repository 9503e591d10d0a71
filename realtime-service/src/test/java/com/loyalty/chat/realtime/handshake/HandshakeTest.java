package com.loyalty.chat.realtime.handshake;

import static com.loyalty.chat.realtime.support.ContractFormats.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.realtime.NodeTest;
import com.loyalty.chat.realtime.support.Kafka;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

class HandshakeTest extends NodeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TestAccount user = TestAccount.next("handshake user");

    @Test
    void missingTokenIsRefusedWith401AndCode4001() throws Exception {
        assertRefused("/ws", 401, 4001);
        assertRefused("/chat?type=admin", 401, 4001);
        assertRefused("/ws?token=", 401, 4001);
    }

    @Test
    void forgedOrMalformedTokenIsRefusedWith401AndCode4002() throws Exception {
        String token = user.userToken();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        assertRefused("/ws?token=" + forged, 401, 4002);
        assertRefused("/ws?token=not-a-jwt", 401, 4002);
    }

    @Test
    void expiredTokenIsRefusedWith401AndCode4002() throws Exception {
        assertRefused("/chat?token=" + user.expiredToken(), 401, 4002);
    }

    @Test
    void adminTypeWithAPlainUsersTokenIsRefusedWith403AndCode4003() throws Exception {
        assertRefused("/chat?type=admin&role=admin&token=" + user.userToken(), 403, 4003);
        assertRefused("/ws?type=admin&token=" + user.userToken(), 403, 4003);
    }

    @Test
    void unknownConnectionTypeIsRefusedWith400AndCode4000() throws Exception {
        assertRefused("/ws?type=superuser&token=" + user.userToken(), 400, 4000);
    }

    /** As Firefox sends it; the JDK's client cannot set {@code Connection}, so the handshake is written by hand. */
    @Test
    void aConnectionHeaderListingUpgradeAmongOtherTokensIsAHandshake() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /ws?token=" + user.userToken() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: keep-alive, Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void healthProbesNeedNoToken() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(Kafka.JSON.readTree(response.body()).path("status").asString()).isEqualTo("UP");
        }
    }

    /** Both as a plain GET, to read the envelope, and as a real WebSocket handshake, to see no upgrade happens. */
    private void assertRefused(String pathAndQuery, int status, int code) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode envelope = Kafka.JSON.readTree(response.body());
        assertThat(envelope.path("success").asBoolean()).isFalse();
        assertThat(envelope.path("code").asInt()).isEqualTo(code);
        assertThat(envelope.path("msg").asString()).isNotBlank();
        assertThat(envelope.path("data").isNull()).isTrue();
        assertThat(envelope.path("timestamp").asString()).matches(TIMESTAMP);

        assertThatThrownBy(() -> connect(pathAndQuery))
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(status));
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        // A bound, so that a request the node never reads fails this test instead of stalling the build.
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                        .timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
