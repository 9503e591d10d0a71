package com.loyalty.chat.session.account;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.localstack.SmsWebhook;

/**
 * The service as a deployment runs it, without the development profile: no seeded accounts, no fixed code, login codes
 * delivered through the SMS webhook (a real HTTP endpoint, {@link #SMS}), and two bootstrap admins made admins at
 * start-up, all configured by the environment variables an operator sets. Subclasses share one application context.
 * It runs on a schema of its own, and keeps its Kafka listener stopped so it does not join the shared test context's
 * consumer group.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.listener.auto-startup=false",
        "CHAT_SMS_WEBHOOK_AUTHORIZATION=" + ProductionServiceTest.SMS_AUTHORIZATION,
        "CHAT_BOOTSTRAP_ADMINS=" + ProductionServiceTest.BOOTSTRAP_ADMIN + ", " + ProductionServiceTest.OTHER_BOOTSTRAP_ADMIN,
        // Short enough that the test of a webhook that never answers does not wait long.
        "chat.session.sms.timeout=3s"})
@ContextConfiguration(initializers = LocalStackInitializer.class)
@AutoConfigureRestTestClient
abstract class ProductionServiceTest {

    static final String SMS_AUTHORIZATION = "Bearer sms-webhook-secret-4711";
    static final String BOOTSTRAP_ADMIN = "13700000001";
    static final String OTHER_BOOTSTRAP_ADMIN = "13700000002";

    /** Lives as long as the test JVM, like the cached application context that sends to it. */
    static final SmsWebhook SMS = SmsWebhook.start();

    @DynamicPropertySource
    static void productionEnvironment(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:mysql://127.0.0.1:" + LocalStack.shared().databasePort()
                + "/chat_session_production?createDatabaseIfNotExist=true&connectionTimeZone=UTC"
                + "&forceConnectionTimeZoneToSession=true&allowPublicKeyRetrieval=true&useSSL=false");
        registry.add("CHAT_SMS_WEBHOOK_URL", SMS::url);
    }
}
