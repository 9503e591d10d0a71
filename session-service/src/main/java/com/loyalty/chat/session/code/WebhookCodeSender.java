package com.loyalty.chat.session.code;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;

import tools.jackson.databind.json.JsonMapper;

/**
 * Hands each login code to an HTTP endpoint as one JSON POST,
 * {@code {"mobile", "code", "purpose": "login", "expiresInSeconds"}}, with the configured {@code Authorization}
 * header. Any answer but 2xx, a refused connection or a timeout is a failed send: the client is told the SMS service
 * is unavailable (5003) and may ask again at once. Neither the code nor the header ever reaches a log line; the
 * endpoint is logged by host only, since its URL may carry credentials of its own.
 */
final class WebhookCodeSender implements CodeSender, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookCodeSender.class);

    static final String PURPOSE_LOGIN = "login";

    private final URI webhook;
    private final @Nullable String authorization;
    private final Duration timeout;
    private final long expiresInSeconds;
    private final JsonMapper json;
    private final HttpClient client;

    WebhookCodeSender(SmsProperties properties, Duration codeTtl, JsonMapper json) {
        this.webhook = properties.webhook();
        this.authorization = properties.authorization();
        this.timeout = properties.timeout();
        this.expiresInSeconds = codeTtl.toSeconds();
        this.json = json;
        // HTTP/1.1: without it the client offers an h2c upgrade on plain http, which some gateways mishandle.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public void send(String mobile, String code) {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(new Payload(mobile, code, PURPOSE_LOGIN, expiresInSeconds))));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        int status;
        try {
            status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw failed(mobile, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(mobile, "interrupted");
        }
        if (status < 200 || status > 299) {
            throw failed(mobile, "HTTP " + status);
        }
    }

    private ChatException failed(String mobile, String why) {
        log.warn("The login code for {} was not delivered: the SMS webhook on {} failed ({})", masked(mobile),
                webhook.getHost(), why);
        return new ChatException(ErrorCode.UNAVAILABLE, "验证码发送失败，请稍后重试");
    }

    /** What a log line may show of a user's number. */
    private static String masked(String mobile) {
        return mobile.substring(0, 3) + "****" + mobile.substring(mobile.length() - 4);
    }

    /** By now the web server has finished its requests; a send still under way has no one left to answer. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    record Payload(String mobile, String code, String purpose, long expiresInSeconds) {
    }
}
