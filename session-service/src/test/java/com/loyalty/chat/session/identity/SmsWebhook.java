package com.loyalty.chat.session.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP endpoint standing in for the SMS gateway: it keeps the last request it was sent for each mobile, and
 * answers 204, or 500 for mobiles told to fail, or nothing at all (until {@link #close}) for mobiles told to hang.
 */
final class SmsWebhook implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, Delivery> lastDelivery = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);

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

    void failFor(String mobile) {
        failing.add(mobile);
    }

    void hangFor(String mobile) {
        hanging.add(mobile);
    }

    void recover(String mobile) {
        failing.remove(mobile);
        hanging.remove(mobile);
    }

    @Nullable Delivery lastDeliveryTo(String mobile) {
        return lastDelivery.get(mobile);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            JsonNode payload = JSON.readTree(body.readAllBytes());
            String mobile = payload.path("mobile").asString();
            lastDelivery.put(mobile, new Delivery(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), payload));
            if (hanging.contains(mobile)) {
                closing.await();
            }
            exchange.sendResponseHeaders(failing.contains(mobile) ? 500 : 204, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }

    record Delivery(String method, @Nullable String contentType, @Nullable String authorization, JsonNode payload) {

        String code() {
            return payload.path("code").asString();
        }
    }
}
