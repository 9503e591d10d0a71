package com.loyalty.chat.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a Spring Boot service on 127.0.0.1 whether it is ready: its readiness probe, or its overall health where the
 * probe is not exposed (it answers 404 then).
 */
final class ReadinessProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    boolean isReady(int port) {
        int readiness = status(port, "/actuator/health/readiness");
        return readiness == 200 || readiness == 404 && status(port, "/actuator/health") == 200;
    }

    private int status(int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(TIMEOUT)
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListeningYet) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
