package com.loyalty.chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.sun.net.httpserver.HttpServer;

/**
 * The gateway in front of a stand-in upstream that echoes what reached it, with tokens from the local stack's real
 * key: what is refused at the door, and where admitted requests land.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = LocalStackInitializer.class)
@ExtendWith(OutputCaptureExtension.class)
class GatewayRoutingTest {

    private static final HttpServer sessionService = EchoUpstream.start("session");
    private static final HttpServer messageService = EchoUpstream.start("message");

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("CHAT_SESSION_SERVICE_URL", () -> "http://127.0.0.1:" + sessionService.getAddress().getPort());
        registry.add("CHAT_MESSAGE_SERVICE_URL", () -> "http://127.0.0.1:" + messageService.getAddress().getPort());
        registry.add("CHAT_STATS_SERVICE_URL", () -> "http://127.0.0.1:" + EchoUpstream.portNobodyListensOn());
        registry.add("CHAT_REALTIME_NODES", () -> "http://127.0.0.1:" + sessionService.getAddress().getPort());
    }

    @AfterAll
    static void stopUpstreams() {
        sessionService.stop(0);
        messageService.stop(0);
    }

    @Test
    void rejectsAdminPathWithoutTokenAs4001() {
        client().get().uri("/api/v2/admin/chat/sessions").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo(4001).jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.data").isEmpty();
    }

    @Test
    void rejectsForgedAndExpiredTokensAs4002() {
        client().get().uri("/api/v2/chat/sessions").header("Authorization", "Bearer not.a.jwt").exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo(4002);
        String expired = LocalStack.shared().tokens().issueExpired(40, "13800000040", "u", false);
        client().get().uri("/api/v2/chat/sessions").header("Authorization", "Bearer " + expired).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo(4002);
    }

    @Test
    void rejectsPlainUserOnEveryAdminPrefixAs4003() {
        String user = LocalStack.shared().tokens().issue(41, "13800000041", "u", false);
        for (String path : new String[] {"/api/v2/admin/chat/sessions", "/admin/chat/sessions", "/api/admin/chat/sessions"}) {
            client().get().uri(path).header("Authorization", "Bearer " + user).exchange()
                    .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo(4003);
        }
    }

    @Test
    void routesCompatibilityPrefixesToTheCanonicalAdminPath() {
        String admin = LocalStack.shared().tokens().issue(31, "13612227930", "管理员用户", true);
        for (String prefix : new String[] {"/api/v2/admin/chat", "/admin/chat", "/api/admin/chat"}) {
            assertThat(echoedPath(prefix + "/sessions?status=all", admin))
                    .isEqualTo("/session/api/v2/admin/chat/sessions?status=all");
            assertThat(echoedPath(prefix + "/sessions/session_1_0a0b0c0d/messages?page=1", admin))
                    .isEqualTo("/message/api/v2/admin/chat/sessions/session_1_0a0b0c0d/messages?page=1");
        }
    }

    @Test
    void routesUserPathsToTheirOwners() {
        String user = LocalStack.shared().tokens().issue(42, "13800000042", "u", false);
        assertThat(echoedPath("/api/v2/chat/sessions", user)).isEqualTo("/session/api/v2/chat/sessions");
        assertThat(echoedPath("/api/v2/chat/sessions/session_1_0a0b0c0d/messages", user))
                .isEqualTo("/message/api/v2/chat/sessions/session_1_0a0b0c0d/messages");
    }

    @Test
    void letsLoginThroughWithoutToken() {
        client().post().uri("/api/v2/auth/login").exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("POST /session/api/v2/auth/login");
    }

    @Test
    void letsLoginThroughWithAStaleTokenLeftInTheClient() {
        String expired = LocalStack.shared().tokens().issueExpired(47, "13800000047", "u", false);
        for (String stale : new String[] {"Bearer " + expired, "Bearer not.a.jwt", "Bearer"}) {
            client().post().uri("/api/v2/auth/login").header("Authorization", stale).exchange()
                    .expectStatus().isOk().expectBody(String.class).isEqualTo("POST /session/api/v2/auth/login");
        }
    }

    @Test
    void answersUnknownRouteWith4004() {
        client().get().uri("/no/such/path").exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo(4004);
    }

    @Test
    void closesTheConnectionAfterAnAnswerItWritesItself() {
        client().get().uri("/no/such/path").exchange()
                .expectHeader().valueEquals(HttpHeaders.CONNECTION, "close");
    }

    @Test
    void answersUnreachableOwnerWith5003() {
        String admin = LocalStack.shared().tokens().issue(31, "13612227930", "管理员用户", true);
        client().get().uri("/api/v2/admin/chat/stats/today").header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody().jsonPath("$.code").isEqualTo(5003);
    }

    @Test
    void refusesAdminWebSocketForPlainUserBeforeReachingANode() {
        String user = LocalStack.shared().tokens().issue(43, "13800000043", "u", false);
        client().get().uri("/chat?type=admin&token=" + user).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo(4003);
        client().get().uri("/ws").exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo(4001);
    }

    @Test
    void staysReadyWhileARouteTargetIsDown() {
        client().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void showsWhichRoutesLeadToATargetThatIsDownInTheTargetsGroup() {
        client().get().uri("/actuator/health/targets").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.components.routeTargets.details['admin-stats']").isEqualTo("DOWN")
                .jsonPath("$.components.routeTargets.details['admin-sessions']").isEqualTo("UP")
                .jsonPath("$.components.routeTargets.details.realtime").isEqualTo("UP");
    }

    @Test
    void passesTheClientsRequestIdThroughOrMakesOne() {
        String user = LocalStack.shared().tokens().issue(44, "13800000044", "u", false);
        client().get().uri("/api/v2/chat/sessions").header("Authorization", "Bearer " + user)
                .header("X-Request-Id", "req-123").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "req-123")
                .expectHeader().valueEquals(EchoUpstream.SEEN_REQUEST_ID, "req-123")
                .expectHeader().value(EchoUpstream.SEEN_FORWARDED_FOR, forwarded -> assertThat(forwarded).contains("127.0.0.1"));
        String made = client().get().uri("/no/such/path").exchange()
                .expectStatus().isNotFound()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
        assertThat(made).matches("[0-9a-f-]{36}");
    }

    @Test
    void answersAMethodTheDoorDoesNotServeWith405InTheEnvelope() {
        client().post().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader().valueEquals("Allow", "GET")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(4000).jsonPath("$.success").isEqualTo(false);
    }

    @Test
    void answersAClientAcceptingNoJsonAtTheDoorWith406InJsonAnyway() {
        client().get().uri("/actuator/health").accept(MediaType.APPLICATION_XML).exchange()
                .expectStatus().isEqualTo(HttpStatus.NOT_ACCEPTABLE)
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(4000);
    }

    @Test
    void answersAPathTheFirewallRejectsWith400InTheEnvelope() {
        String user = LocalStack.shared().tokens().issue(45, "13800000045", "u", false);
        client().get().uri(URI.create("http://localhost:" + port + "/api/v2/chat/sessions/a%3Bb"))
                .header("Authorization", "Bearer " + user).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo(4000).jsonPath("$.success").isEqualTo(false);
    }

    @Test
    void neverLogsATokenCarriedInTheQueryOrThePath(CapturedOutput output) {
        String admin = LocalStack.shared().tokens().issue(31, "13612227930", "管理员用户", true);
        String user = LocalStack.shared().tokens().issue(46, "13800000046", "u", false);
        List<String> requestIds = new ArrayList<>();
        for (String path : List.of("/ws?token=" + user, "/chat?type=admin&token=" + user,
                "/api/v2/chat/sessions?token=" + user, "/ws;token=" + user, "/ws?token=" + admin + "&type=admin")) {
            String requestId = "no-token-" + UUID.randomUUID();
            requestIds.add(requestId);
            client().get().uri(URI.create("http://localhost:" + port + path)).header("X-Request-Id", requestId)
                    .exchange();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(output.getAll()).contains(requestIds));
        assertThat(output.getAll()).contains("GET /ws 200", "GET /chat 403", "GET /ws 400")
                .doesNotContain(user, admin, signatureOf(user), signatureOf(admin));
    }

    /** The part of a JWT that is unique to it; a log line cut short would still show it. */
    private static String signatureOf(String jwt) {
        return jwt.substring(jwt.lastIndexOf('.') + 1);
    }

    private String echoedPath(String path, String token) {
        String body = client().get().uri(path).header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).startsWith("GET ");
        return body.substring("GET ".length());
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }
}
