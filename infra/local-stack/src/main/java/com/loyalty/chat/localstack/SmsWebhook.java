package com.loyalty.chat.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The SMS gateway for tests: a real HTTP endpoint on a free loopback port that session-service's webhook sender posts
 * login codes to ({@code CHAT_SMS_WEBHOOK_URL} = {@link #url()}). It keeps the last delivery to each mobile and answers
 * 204, or 500 for mobiles told to {@link #failFor fail}, or nothing at all until {@link #close} for mobiles told to
 * {@link #hangFor hang}.
 */
public final class SmsWebhook implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Delivery> lastDelivery = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);

    private SmsWebhook(HttpServer server) {
        this.server = server;
    }

    public static SmsWebhook start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SmsWebhook webhook = new SmsWebhook(server);
            server.createContext("/sms", webhook::receive);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return webhook;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the SMS webhook", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
    }

    public void failFor(String mobile) {
        failing.add(mobile);
    }

    public void hangFor(String mobile) {
        hanging.add(mobile);
    }

    /** Answers the mobile's deliveries with 204 again. */
    public void recover(String mobile) {
        failing.remove(mobile);
        hanging.remove(mobile);
    }

    /** The last request that named {@code mobile}, whatever it was answered. */
    public Delivery lastDeliveryTo(String mobile) {
        Delivery delivery = lastDelivery.get(mobile);
        if (delivery == null) {
            throw new IllegalStateException("No login code was delivered to " + mobile);
        }
        return delivery;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(answer(exchange), -1);
        }
    }

    private int answer(HttpExchange exchange) throws IOException {
        Map<String, Object> payload;
        try (InputStream body = exchange.getRequestBody()) {
            payload = JSONObjectUtils.parse(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            return 400;
        }
        String mobile = String.valueOf(payload.get("mobile"));
        lastDelivery.put(mobile, new Delivery(exchange.getRequestMethod(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"), payload));
        if (hanging.contains(mobile)) {
            awaitClosing();
        }
        return failing.contains(mobile) ? 500 : 204;
    }

    private void awaitClosing() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }

    /** One request as received: its JSON body as a map, and the headers the sender is expected to set. */
    public record Delivery(String method, String contentType, String authorization, Map<String, Object> payload) {

        public String code() {
            return String.valueOf(payload.get("code"));
        }
    }
}
