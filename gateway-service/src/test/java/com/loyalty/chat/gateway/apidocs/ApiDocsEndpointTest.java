package com.loyalty.chat.gateway.apidocs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.loyalty.chat.localstack.LocalStackInitializer;
import com.sun.net.httpserver.HttpServer;

/** The gateway in front of stand-in services that serve OpenAPI documents; no token anywhere. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = LocalStackInitializer.class)
class ApiDocsEndpointTest {

    private static final HttpServer sessionService = serving("""
            {"openapi": "3.1.0", "info": {"title": "session-service"},
             "paths": {"/api/v2/auth/login": {"post": {"security": []}}, "/.well-known/jwks.json": {"get": {}}}}""");
    private static final HttpServer messageService = serving("""
            {"openapi": "3.1.0", "info": {"title": "message-service"},
             "paths": {"/api/v2/chat/sessions/{sessionId}/messages": {"post": {}}}}""");

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("CHAT_SESSION_SERVICE_URL", () -> "http://127.0.0.1:" + sessionService.getAddress().getPort());
        registry.add("CHAT_MESSAGE_SERVICE_URL", () -> "http://127.0.0.1:" + messageService.getAddress().getPort());
        // Nobody listens there: the stats service is down.
        registry.add("CHAT_STATS_SERVICE_URL", () -> "http://127.0.0.1:9");
    }

    @AfterAll
    static void stopUpstreams() {
        sessionService.stop(0);
        messageService.stop(0);
    }

    @Test
    void servesTheMergedDocumentWithoutAToken() {
        client().get().uri("/api/v2/docs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.paths['/api/v2/auth/login'].x-served-by").isEqualTo("session-service")
                .jsonPath("$.paths['/api/v2/auth/login'].post").exists()
                .jsonPath("$.paths['/api/v2/chat/sessions/{sessionId}/messages'].post").exists()
                .jsonPath("$.paths['/.well-known/jwks.json']").doesNotExist()
                .jsonPath("$.x-unavailable-services[0]").isEqualTo("http://127.0.0.1:9");
    }

    @Test
    void servesSwaggerUiReadingTheMergedDocumentWithoutAToken() {
        client().get().uri("/api/v2/docs/ui").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(page -> org.assertj.core.api.Assertions.assertThat(page)
                        .contains("url: '/api/v2/docs'", "/webjars/swagger-ui/swagger-ui-bundle.js"));
        client().get().uri("/webjars/swagger-ui/swagger-ui-bundle.js").exchange().expectStatus().isOk();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    private static HttpServer serving(String document) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v3/api-docs", exchange -> {
                byte[] body = document.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (exchange) {
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
