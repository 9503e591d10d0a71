package com.loyalty.chat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP for the set-up calls (logins, sessions), which are not what is measured. A 429 is waited out and
 * tried again: the gateway limits each client to 20 requests/s and logins by address, and a benchmark that logs in
 * hundreds of users from one address runs into that on purpose rather than lifting the limit.
 */
public final class Rest {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int MAX_ATTEMPTS = 30;

    private final HttpClient http;
    private final URI base;

    public Rest(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** POSTs {@code body} (serialized as JSON) and returns the response's JSON; fails on any status but 2xx. */
    public JsonNode post(String path, String token, Object body) {
        return call(path, token, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)), "POST");
    }

    public JsonNode get(String path, String token) {
        return call(path, token, HttpRequest.BodyPublishers.noBody(), "GET");
    }

    private JsonNode call(String path, String token, HttpRequest.BodyPublisher body, String method) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted during " + method + " " + path, e);
            }
            if (response.statusCode() == 429 && attempt < MAX_ATTEMPTS) {
                sleep(retryAfter(response));
                continue;
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .map(seconds -> Duration.ofMillis((long) (Double.parseDouble(seconds) * 1000)))
                .filter(wait -> !wait.isZero())
                .orElse(Duration.ofMillis(250));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rate limited", e);
        }
    }
}
