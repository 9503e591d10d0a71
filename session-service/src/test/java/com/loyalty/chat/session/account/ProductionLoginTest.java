package com.loyalty.chat.session.account;

import static com.loyalty.chat.session.Api.DEV_CODE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.localstack.SmsWebhook;
import com.loyalty.chat.session.Api;

/** Login as a deployment does it: only codes the SMS webhook delivered log in. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionLoginTest extends ProductionServiceTest {

    @Autowired
    RestTestClient rest;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
    }

    @Test
    void developmentCodeIsRefused() {
        Api.Reply reply = login(Api.newMobile(), DEV_CODE);

        assertThat(reply.code()).isEqualTo(4000);
    }

    @Test
    void issuedCodeLogsInExactlyOnce() {
        String mobile = Api.newMobile();
        String code = sendCode(mobile);

        Api.Reply first = login(mobile, code);
        Api.Reply again = login(mobile, code);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.data().get("token").asString()).isNotBlank();
        assertThat(again.code()).isEqualTo(4000);
    }

    @Test
    void codeIsDiscardedAfterTooManyWrongGuesses() {
        String mobile = Api.newMobile();
        String code = sendCode(mobile);
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int guess = 0; guess < 5; guess++) {
            assertThat(login(mobile, wrong).code()).isEqualTo(4000);
        }

        assertThat(login(mobile, code).code()).isEqualTo(4000);
    }

    @Test
    void developmentAccountsAreNotSeeded() {
        String tokenOfSeededAdmin = LocalStack.shared().tokens().issue(Api.ADMIN_ID, Api.ADMIN_MOBILE, "管理员用户", true);

        Api.Reply me = api.get("/api/v2/auth/me", tokenOfSeededAdmin);

        assertThat(me.status()).isEqualTo(401);
        assertThat(me.code()).isEqualTo(4002);
    }

    @Test
    void webhookIsPostedTheMobileTheCodeAndItsLifetimeAsJson() {
        String mobile = Api.newMobile();

        sendCode(mobile);

        SmsWebhook.Delivery delivery = SMS.lastDeliveryTo(mobile);
        assertThat(delivery.method()).isEqualTo("POST");
        assertThat(delivery.contentType()).isEqualTo("application/json");
        assertThat(delivery.payload().get("mobile")).isEqualTo(mobile);
        assertThat(delivery.code()).matches("\\d{6}");
        assertThat(delivery.payload().get("purpose")).isEqualTo("login");
        assertThat(((Number) delivery.payload().get("expiresInSeconds")).longValue()).isEqualTo(300);
    }

    @Test
    void webhookIsSentTheConfiguredAuthorizationHeader() {
        String mobile = Api.newMobile();

        sendCode(mobile);

        assertThat(SMS.lastDeliveryTo(mobile).authorization()).isEqualTo(SMS_AUTHORIZATION);
    }

    @Test
    void codeTheWebhookRefusedIsAnUnavailableDependency() {
        String mobile = Api.newMobile();
        SMS.failFor(mobile);

        Api.Reply reply = api.post("/api/v2/auth/send-code", null, Map.of("mobile", mobile));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo(5003);
        assertThat(reply.body().get("success").asBoolean()).isFalse();
        assertThat(reply.data().isNull()).isTrue();
    }

    @Test
    void codeTheWebhookRefusedIsNotKeptSoTheUserMayAskAgainAtOnce() {
        String mobile = Api.newMobile();
        SMS.failFor(mobile);
        Api.Reply failed = api.post("/api/v2/auth/send-code", null, Map.of("mobile", mobile));
        SMS.recover(mobile);

        String delivered = sendCode(mobile);

        assertThat(failed.code()).isEqualTo(5003);
        assertThat(login(mobile, delivered).status()).isEqualTo(200);
    }

    @Test
    void webhookThatDoesNotAnswerInTimeIsAFailedSend() {
        String mobile = Api.newMobile();
        SMS.hangFor(mobile);

        Api.Reply reply = api.post("/api/v2/auth/send-code", null, Map.of("mobile", mobile));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo(5003);
    }

    @Test
    void neitherTheCodeNorTheWebhookSecretIsLogged(CapturedOutput output) {
        String delivered = Api.newMobile();
        String refused = Api.newMobile();
        SMS.failFor(refused);

        String code = sendCode(delivered);
        api.post("/api/v2/auth/send-code", null, Map.of("mobile", refused));

        assertThat(output).contains("was not delivered");
        assertThat(output).doesNotContain(code, SMS.lastDeliveryTo(refused).code(), SMS_AUTHORIZATION,
                "sms-webhook-secret");
    }

    private String sendCode(String mobile) {
        assertThat(api.post("/api/v2/auth/send-code", null, Map.of("mobile", mobile)).status()).isEqualTo(200);
        return SMS.lastDeliveryTo(mobile).code();
    }

    private Api.Reply login(String mobile, String code) {
        return api.post("/api/v2/auth/login", null, Map.of("mobile", mobile, "verificationCode", code));
    }
}
