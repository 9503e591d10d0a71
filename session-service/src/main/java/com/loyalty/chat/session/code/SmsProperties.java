package com.loyalty.chat.session.code;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where login codes go outside development: an HTTP endpoint (an SMS gateway, or a small adapter in front of one)
 * that takes one JSON POST per code.
 *
 * @param webhookUrl           the endpoint ({@code CHAT_SMS_WEBHOOK_URL}); blank means none, which only the dev profile
 *                             allows
 * @param webhookAuthorization the {@code Authorization} header's value ({@code CHAT_SMS_WEBHOOK_AUTHORIZATION}); blank
 *                             sends none. A secret: never logged, and masked in {@link #toString()}
 * @param connectTimeout       how long to wait for the endpoint's connection
 * @param timeout              how long the whole request may take before the send counts as failed
 */
@ConfigurationProperties("chat.session.sms")
record SmsProperties(
        @Nullable String webhookUrl,
        @Nullable String webhookAuthorization,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration timeout) {

    private static final String NOT_A_URL =
            "CHAT_SMS_WEBHOOK_URL (chat.session.sms.webhook-url) must be an absolute http or https URL";

    SmsProperties {
        if (hasText(webhookUrl)) {
            parse(webhookUrl);
        }
    }

    boolean hasWebhook() {
        return hasText(webhookUrl);
    }

    URI webhook() {
        if (!hasText(webhookUrl)) {
            throw new IllegalStateException("No SMS webhook is configured");
        }
        return parse(webhookUrl);
    }

    @Nullable String authorization() {
        return hasText(webhookAuthorization) ? webhookAuthorization : null;
    }

    @Override
    public String toString() {
        return "SmsProperties[webhookUrl=" + (hasWebhook() ? webhook().getHost() : "none") + ", webhookAuthorization="
                + (authorization() == null ? "none" : "(set)") + ", connectTimeout=" + connectTimeout + ", timeout="
                + timeout + "]";
    }

    /** The URL may carry credentials of its own, so a failure does not repeat it. */
    private static URI parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NOT_A_URL);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException(NOT_A_URL);
        }
        return uri;
    }

    private static boolean hasText(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
