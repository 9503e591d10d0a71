package com.loyalty.chat.session.identity;

import static com.loyalty.chat.session.Api.DEV_CODE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.session.Api;

/**
 * Without the development profile: no seeded accounts, no fixed code, only codes that were issued. Runs on a schema
 * of its own, and keeps its Kafka listener stopped so it does not join the shared test context's consumer group.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.kafka.listener.auto-startup=false")
@ContextConfiguration(initializers = LocalStackInitializer.class)
@AutoConfigureRestTestClient
class ProductionLoginTest {

    @DynamicPropertySource
    static void ownSchema(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:mysql://127.0.0.1:" + LocalStack.shared().databasePort()
                + "/chat_session_production?createDatabaseIfNotExist=true&connectionTimeZone=UTC"
                + "&forceConnectionTimeZoneToSession=true&allowPublicKeyRetrieval=true&useSSL=false");
    }

    @TestConfiguration
    static class CapturedCodes {

        @Bean
        RecordingCodeSender recordingCodeSender() {
            return new RecordingCodeSender();
        }
    }

    static class RecordingCodeSender implements CodeSender {

        final Map<String, String> lastCode = new ConcurrentHashMap<>();

        @Override
        public void send(String mobile, String code) {
            lastCode.put(mobile, code);
        }
    }

    @Autowired
    RestTestClient rest;

    @Autowired
    RecordingCodeSender sms;

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

    private String sendCode(String mobile) {
        assertThat(api.post("/api/v2/auth/send-code", null, Map.of("mobile", mobile)).status()).isEqualTo(200);
        return sms.lastCode.get(mobile);
    }

    private Api.Reply login(String mobile, String code) {
        return api.post("/api/v2/auth/login", null, Map.of("mobile", mobile, "verificationCode", code));
    }
}
