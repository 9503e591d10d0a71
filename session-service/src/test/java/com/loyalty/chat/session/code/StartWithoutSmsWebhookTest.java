package com.loyalty.chat.session.code;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.session.SessionServiceApplication;

/** The whole service started as a deployment would be by mistake: no dev profile and no SMS webhook. */
class StartWithoutSmsWebhookTest {

    @Test
    void outsideTheDevProfileTheServiceRefusesToStartWithoutAWebhookNamingTheVariable() {
        SpringApplication service = new SpringApplicationBuilder(SessionServiceApplication.class)
                .initializers(new LocalStackInitializer())
                .build();

        // Command-line arguments override the application's own configuration; default properties would not.
        assertThatThrownBy(() -> service.run("--server.port=0", "--spring.kafka.listener.auto-startup=false",
                "--CHAT_SMS_WEBHOOK_URL=", "--spring.datasource.url=jdbc:mysql://127.0.0.1:"
                        + LocalStack.shared().databasePort()
                        + "/chat_session_production?createDatabaseIfNotExist=true&connectionTimeZone=UTC"
                        + "&forceConnectionTimeZoneToSession=true&allowPublicKeyRetrieval=true&useSSL=false"))
                .rootCause().hasMessageContaining("set CHAT_SMS_WEBHOOK_URL");
    }
}
