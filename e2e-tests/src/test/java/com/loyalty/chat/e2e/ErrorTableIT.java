package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract's error table through the gateway: each code with its HTTP status, in the envelope. */
class ErrorTableIT {

    private static final String FOREIGN_ORIGIN = "https://evil.example.com";

    private final Api api = new Api(SystemUnderTest.gatewayUrl());

    @Test
    void invalidRequestIs4000() {
        String admin = api.login("13612227930");
        assertError(api.get("/api/v2/admin/chat/sessions?status=bogus", admin), 400, 4000);
        assertError(api.get("/api/v2/admin/chat/sessions?page=0", admin), 400, 4000);
    }

    @Test
    void missingTokenIs4001() {
        assertError(api.get("/api/v2/admin/chat/sessions", null), 401, 4001);
        assertError(api.get("/api/v2/auth/me", null), 401, 4001);
    }

    @Test
    void forgedTokenIs4002() {
        assertError(api.get("/api/v2/auth/me", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIzMSJ9.AAAA"), 401, 4002);
    }

    @Test
    void plainUserOnAdminApiIs4003() {
        String user = api.login(IdentityIT.freshMobile());
        assertError(api.get("/api/v2/admin/chat/sessions", user), 403, 4003);
        assertError(api.get("/api/v2/admin/chat/stats/today", user), 403, 4003);
    }

    @Test
    void unknownRouteAndSomeoneElsesSessionAre4004() {
        String owner = api.login(IdentityIT.freshMobile());
        String sessionId = api.post("/api/v2/chat/sessions", owner, "{}").data().path("sessionId").asString();
        String stranger = api.login(IdentityIT.freshMobile());

        assertError(api.get("/api/v2/nothing/here", owner), 404, 4004);
        assertError(api.get("/api/v2/chat/sessions/" + sessionId + "/messages", stranger), 404, 4004);
        assertError(api.post("/api/v2/chat/sessions/" + sessionId + "/messages", stranger,
                "{\"content\":\"hi\",\"messageType\":\"text\"}"), 404, 4004);
    }

    @Test
    void theNodesOfflineQuestionsAreNotReachableThroughTheGateway() {
        String user = api.login(IdentityIT.freshMobile());

        assertError(api.post("/internal/offline-messages", user,
                "{\"limit\":100,\"questions\":[{\"token\":\"" + user + "\",\"side\":\"user\"}]}"), 404, 4004);
    }

    @Test
    void contentOver16KilobytesIs4013() {
        String user = api.login(IdentityIT.freshMobile());
        String sessionId = api.post("/api/v2/chat/sessions", user, "{}").data().path("sessionId").asString();
        String tooLong = "字".repeat(16 * 1024 / 3 + 1);

        assertError(api.post("/api/v2/chat/sessions/" + sessionId + "/messages", user,
                "{\"content\":\"" + tooLong + "\",\"messageType\":\"text\"}"), 413, 4013);
    }

    /**
     * The gateway's bound (256 KB), whether the body declares its length or comes in chunks; on a path whose service
     * would take the body (an unknown field is ignored), so the 413 is the gateway's.
     */
    @Test
    void aBodyOverTheGatewaysBoundIs4013() {
        String user = api.login(IdentityIT.freshMobile());
        String huge = "{\"padding\":\"" + "x".repeat(300 * 1024) + "\"}";

        assertError(api.post("/api/v2/chat/sessions", user, huge), 413, 4013);
        assertError(api.postChunked("/api/v2/chat/sessions", user, huge), 413, 4013);
    }

    @Test
    void aPageOnAnOriginCorsDoesNotAllowIs4003() {
        String user = api.login(IdentityIT.freshMobile());

        assertThat(api.get("/api/v2/auth/me", user).status()).isEqualTo(200);
        assertError(api.getFrom(FOREIGN_ORIGIN, "/api/v2/auth/me", user), 403, 4003);
        assertError(api.handshake("/ws?token=" + user, FOREIGN_ORIGIN), 403, 4003);
    }

    @Test
    void aClientOverItsBudgetIs4029() {
        String user = api.login(IdentityIT.freshMobile());
        Api.Answer last = null;
        for (int request = 0; request < 500 && (last == null || last.status() != 429); request++) {
            last = api.get("/api/v2/auth/me", user);
        }
        assertError(last, 429, 4029);
    }

    static void assertError(Api.Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().path("code").asInt()).isEqualTo(code);
        assertThat(answer.body().path("success").asBoolean()).isFalse();
        assertThat(answer.body().path("data").isNull()).isTrue();
        assertThat(answer.body().path("msg").asString()).isNotBlank();
    }
}
