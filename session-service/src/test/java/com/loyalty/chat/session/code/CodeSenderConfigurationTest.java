package com.loyalty.chat.session.code;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

/** Which sender delivers login codes, decided at start-up from the profile and the SMS settings. */
class CodeSenderConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, CodeSenderConfiguration.class)
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build())
            .withBean(SendsCodes.class);

    @Test
    void withoutAWebhookOutsideTheDevProfileTheServiceDoesNotStart() {
        context.run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("set CHAT_SMS_WEBHOOK_URL");
        });
    }

    @Test
    void withoutAWebhookTheDevProfileLogsTheCodes() {
        context.withPropertyValues("spring.profiles.active=dev")
                .run(started -> assertThat(started.getBean(SendsCodes.class).sender)
                        .isInstanceOf(LoggingCodeSender.class));
    }

    @Test
    void aConfiguredWebhookDeliversTheCodes() {
        context.withPropertyValues("chat.session.sms.webhook-url=https://sms.example.com/send")
                .run(started -> assertThat(started.getBean(SendsCodes.class).sender)
                        .isInstanceOf(WebhookCodeSender.class));
    }

    @Test
    void aConfiguredWebhookDeliversTheCodesInTheDevProfileToo() {
        context.withPropertyValues("spring.profiles.active=dev", "chat.session.sms.webhook-url=http://127.0.0.1:9/sms")
                .run(started -> assertThat(started.getBean(SendsCodes.class).sender)
                        .isInstanceOf(WebhookCodeSender.class));
    }

    @Test
    void aWebhookThatIsNotAnHttpUrlIsRefusedWithoutRepeatingIt() {
        context.withPropertyValues("chat.session.sms.webhook-url=smtp://user:secret@sms.example.com")
                .run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure()).rootCause()
                            .hasMessageContaining("CHAT_SMS_WEBHOOK_URL")
                            .message().doesNotContain("secret");
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SmsProperties.class, CodeProperties.class})
    static class Properties {
    }

    /** Stands for the service's use of the sender, which makes the lazy sender be created at start-up. */
    static class SendsCodes {

        final CodeSender sender;

        SendsCodes(CodeSender sender) {
            this.sender = sender;
        }
    }
}
