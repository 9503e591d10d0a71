package com.loyalty.chat.realtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.realtime.support.Kafka;
import com.loyalty.chat.realtime.support.Stubs;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

/**
 * A node whose JWK set cannot be fetched (nothing listens on the discard port): that is not the client's fault, so
 * it is not 4002 either.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.realtime.node.id=node-without-jwks",
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/.well-known/jwks.json"})
@ContextConfiguration(initializers = {LocalStackInitializer.class, Stubs.class})
class JwkSetUnavailableTest {

    @LocalServerPort
    private int port;

    @Test
    void aTokenThatCannotBeVerifiedForWantOfTheJwkSetIsRefusedWith503AndCode5003() throws Exception {
        String token = TestAccount.next("unverifiable").userToken();

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ws?token=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode envelope = Kafka.JSON.readTree(response.body());
        assertThat(envelope.path("code").asInt()).isEqualTo(5003);
        assertThat(envelope.path("success").asBoolean()).isFalse();
    }
}
