package com.loyalty.chat.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SMS gateway the system under test delivers login codes to: a real HTTP endpoint in the test JVM that keeps the
 * last delivery to each mobile and answers 204.
 */
final class SmsWebhook {

    static final String AUTHORIZATION = "Bearer e2e-sms-webhook-secret";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, Delivery> lastDelivery = new ConcurrentHashMap<>();

    private SmsWebhook(HttpServer server) {
        this.server = server;
    }

    static SmsWebhook start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SmsWebhook webhook = new SmsWebhook(server);
            server.createContext("/sms", webhook::receive);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return webhook;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
    }

    Delivery lastDeliveryTo(String mobile) {
        Delivery delivery = lastDelivery.get(mobile);
        if (delivery == null) {
            throw new AssertionError("no login code was delivered to " + mobile);
        }
        return delivery;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            JsonNode payload = JSON.readTree(body.readAllBytes());
            lastDelivery.put(payload.path("mobile").asString(),
                    new Delivery(payload.path("code").asString(), exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    record Delivery(String code, String authorization) {
    }
}
