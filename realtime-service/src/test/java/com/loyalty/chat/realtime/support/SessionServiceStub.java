package com.loyalty.chat.realtime.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * Stands in for session-service's {@code POST /api/v2/chat/sessions}: answers each user with a session id of its
 * own, {@code session_stub_<userId>}, and remembers every call.
 */
public final class SessionServiceStub {

    /** One call as the stub saw it. */
    public record Call(String authorization, long userId) {
    }

    private static SessionServiceStub shared;

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private SessionServiceStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v2/chat/sessions", this::openSession);
        server.start();
    }

    /** Per JVM, like the local stack; it stops with the JVM. */
    public static synchronized SessionServiceStub shared() {
        if (shared == null) {
            try {
                shared = new SessionServiceStub();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static String sessionIdOf(long userId) {
        return "session_stub_" + userId;
    }

    public List<Call> callsFor(long userId) {
        return calls.stream().filter(call -> call.userId() == userId).toList();
    }

    private void openSession(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!"POST".equals(exchange.getRequestMethod()) || authorization == null
                    || !authorization.startsWith("Bearer ")) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            long userId = subjectOf(authorization.substring("Bearer ".length()));
            calls.add(new Call(authorization, userId));
            byte[] body = Kafka.JSON.writeValueAsBytes(Map.of("success", true, "code", 0, "msg", "ok",
                    "data", Map.of("sessionId", sessionIdOf(userId), "status", "waiting")));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static long subjectOf(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        JsonNode claims = Kafka.JSON.readTree(payload);
        return Long.parseLong(claims.path("sub").asString());
    }
}
