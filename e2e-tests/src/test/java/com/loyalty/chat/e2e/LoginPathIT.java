package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.localstack.SmsWebhook;

import tools.jackson.databind.JsonNode;

/**
 * How people log in to a deployment (issue 14), on the system as {@code ./run} starts it with the operator's
 * variables: a code delivered through the SMS webhook logs in, and the bootstrap admin is an admin from the start.
 */
class LoginPathIT {

    private final Api api = new Api(SystemUnderTest.gatewayUrl());
    private final SmsWebhook sms = SystemUnderTest.sms();

    @Test
    void codeDeliveredThroughTheWebhookLogsIn() {
        String mobile = IdentityIT.freshMobile();

        JsonNode login = loginWithDeliveredCode(mobile);

        assertThat(login.path("user").path("mobile").asString()).isEqualTo(mobile);
        Api.Answer me = api.get("/api/v2/auth/me", login.path("token").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.data().path("mobile").asString()).isEqualTo(mobile);
    }

    @Test
    void webhookIsSentTheOperatorsAuthorizationHeader() {
        String mobile = IdentityIT.freshMobile();

        loginWithDeliveredCode(mobile);

        assertThat(sms.lastDeliveryTo(mobile).authorization()).isEqualTo(SystemUnderTest.SMS_WEBHOOK_AUTHORIZATION);
    }

    @Test
    void bootstrapAdminIsAnAdminAfterStart() {
        JsonNode login = loginWithDeliveredCode(SystemUnderTest.BOOTSTRAP_ADMIN);

        assertThat(login.path("user").path("isAdmin").asBoolean()).isTrue();
        Api.Answer admins = api.get("/api/v2/admin/chat/admins", login.path("token").asString());
        assertThat(admins.status()).isEqualTo(200);
        assertThat(admins.data().path("admins").valueStream().map(admin -> admin.path("userId").asLong()))
                .contains(login.path("user").path("userId").asLong());
    }

    private JsonNode loginWithDeliveredCode(String mobile) {
        Api.Answer sent = api.post("/api/v2/auth/send-code", null, "{\"mobile\":\"" + mobile + "\"}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        Api.Answer login = api.post("/api/v2/auth/login", null, "{\"mobile\":\"" + mobile
                + "\",\"verificationCode\":\"" + sms.lastDeliveryTo(mobile).code() + "\"}");
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.data();
    }
}
