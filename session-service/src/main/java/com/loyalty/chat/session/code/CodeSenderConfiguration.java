package com.loyalty.chat.session.code;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class CodeSenderConfiguration {

    static final String DEV_PROFILE = "dev";

    /**
     * The webhook when one is configured, whatever the profile; else the logging sender, in the dev profile only.
     * Anywhere else the service refuses to start rather than accept logins it cannot deliver codes for. A fallback, so
     * a test's own {@link CodeSender} replaces it, and lazy, so it is not even created then.
     */
    @Bean
    @Fallback
    @Lazy
    CodeSender codeSender(SmsProperties sms, CodeProperties codes, Environment environment, JsonMapper json) {
        if (sms.hasWebhook()) {
            return new WebhookCodeSender(sms, codes.ttl(), json);
        }
        if (environment.matchesProfiles(DEV_PROFILE)) {
            return new LoggingCodeSender();
        }
        throw new IllegalStateException("No SMS sender for login codes: set CHAT_SMS_WEBHOOK_URL "
                + "(chat.session.sms.webhook-url) to the SMS webhook, and CHAT_SMS_WEBHOOK_AUTHORIZATION to its "
                + "Authorization header if it needs one; only the dev profile runs without (it logs the codes)");
    }
}
