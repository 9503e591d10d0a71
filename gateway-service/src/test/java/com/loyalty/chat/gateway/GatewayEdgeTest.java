package com.loyalty.chat.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;

import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.sun.net.httpserver.HttpServer;

import reactor.core.publisher.Flux;

/**
 * The door's own rules with every owner up: the route targets' health, the per-client budget (three requests, refilled
 * so slowly that none comes back during the test), CORS for the configured console origin and the request body's bound
 * (1 KB).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.gateway.rate-limit.burst=3",
        "chat.gateway.rate-limit.requests-per-second=0.0001",
        "chat.gateway.cors-allowed-origins=https://console.example.com",
        "chat.gateway.max-request-body=1KB"})
@ContextConfiguration(initializers = LocalStackInitializer.class)
class GatewayEdgeTest {

    private static final HttpServer owner = EchoUpstream.start("owner");

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void everyOwnerIsUp(DynamicPropertyRegistry registry) {
        String url = "http://127.0.0.1:" + owner.getAddress().getPort();
        for (String variable : new String[] {"CHAT_SESSION_SERVICE_URL", "CHAT_MESSAGE_SERVICE_URL",
                "CHAT_STATS_SERVICE_URL", "CHAT_REALTIME_NODES"}) {
            registry.add(variable, () -> url);
        }
    }

    @AfterAll
    static void stopOwner() {
        owner.stop(0);
    }

    @Test
    void showsEveryRouteTargetUpInTheTargetsGroup() {
        client().get().uri("/actuator/health/targets").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components.routeTargets.details.realtime").isEqualTo("UP");
    }

    @Test
    void refusesAUserOverBudgetWith4029WithoutTouchingOthers() {
        String greedy = LocalStack.shared().tokens().issue(60, "13800000060", "u", false);
        String calm = LocalStack.shared().tokens().issue(61, "13800000061", "u", false);
        for (int request = 0; request < 3; request++) {
            get(greedy).expectStatus().isOk();
        }
        get(greedy).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo(4029).jsonPath("$.success").isEqualTo(false);
        get(calm).expectStatus().isOk();
    }

    @Test
    void answersPreflightForTheConsoleOriginOnly() {
        client().options().uri("/api/v2/admin/chat/sessions")
                .header("Origin", "https://console.example.com")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://console.example.com");
        client().options().uri("/api/v2/admin/chat/sessions")
                .header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "GET")
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo(4003).jsonPath("$.success").isEqualTo(false);
    }

    @Test
    void refusesARequestFromAnotherOriginWith4003EvenWithAValidToken() {
        String token = LocalStack.shared().tokens().issue(62, "13800000062", "u", false);
        client().get().uri("/api/v2/chat/sessions").header("Authorization", "Bearer " + token)
                .header("Origin", "https://evil.example.com")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin")
                .expectBody().jsonPath("$.code").isEqualTo(4003).jsonPath("$.msg").isEqualTo("origin not allowed");
    }

    @Test
    void aRefusedTokenFromTheConsoleOriginStillCarriesTheCorsHeaders() {
        client().get().uri("/api/v2/chat/sessions").header("Authorization", "Bearer not-a-token")
                .header("Origin", "https://console.example.com")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://console.example.com")
                .expectBody().jsonPath("$.code").isEqualTo(4002);
    }

    @Test
    void passesABodyWithinTheBoundToItsOwner() {
        post(63, BodyInserters.fromValue("x".repeat(1024)))
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("POST /owner/api/v2/chat/sessions");
    }

    @Test
    void refusesABodyDeclaredOverTheBoundWith4013() {
        post(64, BodyInserters.fromValue("x".repeat(1025)))
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.code").isEqualTo(4013).jsonPath("$.success").isEqualTo(false);
    }

    @Test
    void cutsOffAChunkedBodyWhereItPassesTheBoundWith4013() {
        DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        Flux<DataBuffer> chunks = Flux.range(0, 8).map(chunk -> buffers.wrap(new byte[256]));

        post(65, BodyInserters.fromDataBuffers(chunks))
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.code").isEqualTo(4013);
    }

    private WebTestClient.ResponseSpec post(long userId, BodyInserter<?, ? super ClientHttpRequest> body) {
        String token = LocalStack.shared().tokens().issue(userId, "138000000" + userId, "u", false);
        return client().post().uri("/api/v2/chat/sessions").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private WebTestClient.ResponseSpec get(String token) {
        return client().get().uri("/api/v2/chat/sessions").header("Authorization", "Bearer " + token).exchange();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }
}
