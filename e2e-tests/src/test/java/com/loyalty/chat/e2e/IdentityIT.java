package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** CONTRACT.md "Identity", through the gateway: send-code, login, me, and the seeded accounts. */
class IdentityIT {

    private final Api api = new Api(SystemUnderTest.gatewayUrl());

    @Test
    void seededAdminLogsInWithTheDevelopmentCodeAndIsAdminAndUser() {
        Api.Answer login = api.post("/api/v2/auth/login", null,
                "{\"mobile\":\"13612227930\",\"verificationCode\":\"123456\"}");

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().path("success").asBoolean()).isTrue();
        assertThat(login.body().path("code").asInt()).isZero();
        assertThat(login.body().path("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode data = login.data();
        assertThat(data.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(data.path("expiresIn").asLong()).isPositive();
        JsonNode user = data.path("user");
        assertThat(user.path("userId").asLong()).isEqualTo(31);
        assertThat(user.path("mobile").asString()).isEqualTo("13612227930");
        assertThat(user.path("nickname").asString()).isEqualTo("管理员用户");
        assertThat(user.path("isAdmin").asBoolean()).isTrue();
        assertThat(user.has("avatar")).isTrue();

        Api.Answer me = api.get("/api/v2/auth/me", data.path("token").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.data()).isEqualTo(user);
    }

    @Test
    void unknownMobileWithAValidCodeRegistersAPlainUser() {
        String mobile = freshMobile();
        String token = api.login(mobile);

        JsonNode me = api.get("/api/v2/auth/me", token).data();
        assertThat(me.path("mobile").asString()).isEqualTo(mobile);
        assertThat(me.path("isAdmin").asBoolean()).isFalse();
        assertThat(api.login(mobile)).as("the second login finds the same account").isNotBlank();
        assertThat(api.get("/api/v2/auth/me", api.login(mobile)).data().path("userId").asLong())
                .isEqualTo(me.path("userId").asLong());
    }

    @Test
    void sendCodeIsAcceptedOnceAndThenRateLimitedPerMobile() {
        String body = "{\"mobile\":\"" + freshMobile() + "\"}";

        Api.Answer first = api.post("/api/v2/auth/send-code", null, body);
        Api.Answer second = api.post("/api/v2/auth/send-code", null, body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("code").asInt()).isZero();
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.body().path("code").asInt()).isEqualTo(4029);
    }

    @Test
    void wrongCodeOrMalformedMobileIsRefusedWith4000() {
        Api.Answer wrongCode = api.post("/api/v2/auth/login", null,
                "{\"mobile\":\"" + freshMobile() + "\",\"verificationCode\":\"000000\"}");
        Api.Answer badMobile = api.post("/api/v2/auth/send-code", null, "{\"mobile\":\"12\"}");

        assertThat(wrongCode.status()).isEqualTo(400);
        assertThat(wrongCode.body().path("code").asInt()).isEqualTo(4000);
        assertThat(wrongCode.body().path("data").isNull()).isTrue();
        assertThat(badMobile.status()).isEqualTo(400);
        assertThat(badMobile.body().path("code").asInt()).isEqualTo(4000);
    }

    static String freshMobile() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
