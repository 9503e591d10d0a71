package com.loyalty.chat.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** REST calls through the gateway, answering with the status and the parsed envelope. */
final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Plain HTTP/1.1, as consoles and mobile clients speak to the gateway (no h2c upgrade attempts). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String gatewayUrl;

    Api(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    record Answer(int status, JsonNode body) {

        JsonNode data() {
            return body.path("data");
        }
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    Answer put(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any method, any body and content type, for requests a well-behaved client would never make. */
    Answer raw(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder request = request(path, token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(contentType == null ? request : request.header("Content-Type", contentType));
    }

    /** Logs in with the development code and answers the token. */
    String login(String mobile) {
        Answer answer = post("/api/v2/auth/login", null,
                "{\"mobile\":\"" + mobile + "\",\"verificationCode\":\"123456\"}");
        if (answer.status() != 200) {
            throw new IllegalStateException("login failed: " + answer);
        }
        return answer.data().path("token").asString();
    }

    private HttpRequest.Builder request(String path, String token) {
        // A request that never gets an answer fails the test instead of stalling the suite.
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .timeout(Duration.ofSeconds(60));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** A body that is not JSON (a bare error page) is kept as text, so the test can say what came back. */
    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (tools.jackson.core.JacksonException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
