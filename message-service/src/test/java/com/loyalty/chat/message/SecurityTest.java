package com.loyalty.chat.message;

import com.loyalty.chat.localstack.LocalStack;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityTest extends MessageServiceTest {

    @Test
    void aRequestWithoutATokenAnswers4001() {
        assertThat(get(USER_CHAT + newSessionId() + "/messages", null))
                .satisfies(answer -> assertRefused(answer, 401, 4001, "令牌"));
    }

    @Test
    void aForgedOrExpiredTokenAnswers4002() {
        long userId = newUserId();
        String expired = LocalStack.shared().tokens().issueExpired(userId, "13600000000", "someone", false);
        String forged = userToken(userId).substring(0, userToken(userId).lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        assertRefused(get(USER_CHAT + newSessionId() + "/messages", expired), 401, 4002, "访问令牌无效或已过期");
        assertRefused(get(USER_CHAT + newSessionId() + "/messages", forged), 401, 4002, "访问令牌无效或已过期");
        assertRefused(get(USER_CHAT + newSessionId() + "/messages", "not-a-jwt"), 401, 4002, "访问令牌无效或已过期");
    }

    @Test
    void aNonAdminOnTheAdminApiAnswers4003() {
        long userId = newUserId();
        String sessionId = openSession(userId);

        assertRefused(post(ADMIN_CHAT + sessionId + "/messages", userToken(userId), text("let me in")), 403, 4003, "");
        assertRefused(get("/admin/chat/sessions/" + sessionId + "/messages", userToken(userId)), 403, 4003, "");
        assertThat(rowsOf(sessionId)).isEmpty();
    }

    @Test
    void theAdminApiAnswersAtTheCompatibilityPrefixes() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        String token = adminToken(newUserId());

        assertThat(post("/admin/chat/sessions/" + sessionId + "/messages", token, text("one")).status()).isEqualTo(201);
        assertThat(post("/api/admin/chat/sessions/" + sessionId + "/messages", token, text("two")).status()).isEqualTo(201);
        assertThat(get("/api/admin/chat/sessions/" + sessionId + "/messages", token).data().get("totalCount").asInt())
                .isEqualTo(2);
    }

    @Test
    void springSecurityAddsNoObservationsToARequest() {
        assertThat(get("/api/v2/chat/offline-messages", userToken(newUserId())).status()).isEqualTo(200);

        String metrics = http.get().uri("/actuator/prometheus").exchange().returnResult(String.class).getResponseBody();

        assertThat(metrics).contains("http_server_requests_seconds_count").doesNotContain("spring_security_");
    }

    @Test
    void healthIsOpen() {
        assertThat(http.get().uri("/actuator/health/liveness").exchange().returnResult(String.class).getStatus().value())
                .isEqualTo(200);
    }
}
