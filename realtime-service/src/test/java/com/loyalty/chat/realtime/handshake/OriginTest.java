package com.loyalty.chat.realtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.loyalty.chat.realtime.NodeTest;
import com.loyalty.chat.realtime.support.Kafka;
import com.loyalty.chat.realtime.support.TestAccount;

/**
 * A browser's handshake from another origin than the node's own must come from an allowed one, else 403/4003 before
 * the token is checked. A plain GET that passes the origin check is refused as no handshake (400), which tells the two
 * apart without upgrading.
 */
@TestPropertySource(properties = "chat.realtime.connection.allowed-origin-patterns=https://console.example.com")
class OriginTest extends NodeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String token = TestAccount.next("origin").userToken();

    @Test
    void aForeignOriginIsRefusedWith403AndCode4003() throws Exception {
        HttpResponse<String> response = get("https://evil.example.com");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Kafka.JSON.readTree(response.body()).path("code").asInt()).isEqualTo(4003);
    }

    @Test
    void anAllowedOriginPassesTheOriginCheck() throws Exception {
        assertThat(get("https://console.example.com").statusCode()).isEqualTo(400);
    }

    @Test
    void theNodesOwnOriginPassesTheOriginCheck() throws Exception {
        assertThat(get("http://127.0.0.1:" + port).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> get(String origin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ws?token=" + token))
                .header("Origin", origin).build(), HttpResponse.BodyHandlers.ofString());
    }
}
