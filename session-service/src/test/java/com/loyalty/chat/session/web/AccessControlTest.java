package com.loyalty.chat.session.web;

import static com.loyalty.chat.session.Api.ADMIN_MOBILE;
import static com.loyalty.chat.session.Api.DEV_CODE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.ServiceTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

@ServiceTest
class AccessControlTest {

    private static final String INVALID_TOKEN_MESSAGE = "访问令牌无效或已过期";

    @Autowired
    RestTestClient rest;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
    }

    @Test
    void requestWithoutTokenIsUnauthenticated4001() {
        Api.Reply reply = api.get("/api/v2/auth/me", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo(4001);
        assertThat(reply.body().get("success").asBoolean()).isFalse();
        assertThat(reply.data().isNull()).isTrue();
    }

    @Test
    void tokenThatIsNotAJwtIs4002() {
        assertInvalidToken(api.get("/api/v2/auth/me", "not-a-jwt"));
    }

    @Test
    void expiredTokenIs4002() {
        String expired = LocalStack.shared().tokens().issueExpired(Api.ADMIN_ID, ADMIN_MOBILE, "管理员用户", true);

        assertInvalidToken(api.get("/api/v2/auth/me", expired));
    }

    @Test
    void tokenSignedWithAnotherKeyIs4002() throws Exception {
        RSAKey foreignKey = new RSAKeyGenerator(2048).keyID("forged").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("forged").build(),
                new JWTClaimsSet.Builder()
                        .issuer("chat-session-service")
                        .subject("31")
                        .claim("is_admin", true)
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                        .build());
        forged.sign(new RSASSASigner(foreignKey));

        assertInvalidToken(api.get("/api/v2/auth/me", forged.serialize()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v2/admin/chat/sessions", "/admin/chat/sessions", "/api/admin/chat/sessions",
            "/api/v2/admin/chat/admins", "/admin/chat/admins", "/api/v2/admin/chat/operation-logs",
            "/api/admin/chat/operation-logs"})
    void plainUserIsForbiddenOnAdminPaths(String path) {
        Api.Reply reply = api.get(path, api.login(Api.PLAIN_USER_MOBILE).token());

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo(4003);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v2/admin/chat/sessions", "/admin/chat/sessions", "/api/admin/chat/sessions"})
    void adminReachesAdminPaths(String path) {
        Api.Reply reply = api.get(path, api.login(ADMIN_MOBILE).token());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.code()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claim", "close", "transfer"})
    void plainUserCannotActOnSessionsAsAnAdmin(String action) {
        Api.LoggedIn user = api.login(Api.PLAIN_USER_MOBILE);

        Api.Reply reply = api.post("/api/v2/admin/chat/sessions/session_1_deadbeef/" + action, user.token(),
                Map.of("toAdminId", Api.ADMIN_ID));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo(4003);
    }

    @Test
    void plainUserCannotSetAnAdminStatus() {
        Api.Reply reply = api.put("/api/v2/admin/chat/admins/me/status", api.login(Api.PLAIN_USER_MOBILE).token(),
                Map.of("status", "busy"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo(4003);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
    void healthProbesNeedNoToken(String path) {
        assertThat(api.get(path, null).status()).isEqualTo(200);
    }

    @Test
    void staleTokenLeftInAClientDoesNotStopItLoggingIn() {
        Api.Reply reply = api.post("/api/v2/auth/login", "stale-token",
                Map.of("mobile", ADMIN_MOBILE, "verificationCode", DEV_CODE));

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void unknownRouteIsNotFoundInTheEnvelope() {
        Api.Reply reply = api.get("/api/v2/no-such-thing", api.login(ADMIN_MOBILE).token());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo(4004);
    }

    private static void assertInvalidToken(Api.Reply reply) {
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo(4002);
        assertThat(reply.msg()).isEqualTo(INVALID_TOKEN_MESSAGE);
    }
}
