package com.loyalty.chat.realtime.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * Stands in for session-service: {@code POST /api/v2/chat/sessions} answers each user with a session id of its own,
 * {@code session_stub_<userId>}; {@code GET /api/v2/chat/sessions/{id}} and {@code GET
 * /api/v2/admin/chat/sessions/{id}} answer about the sessions a test {@linkplain #register registered} (4004 for a
 * user's look at another's session, as session-service does). Every call is remembered.
 */
public final class SessionServiceStub {

    /** One call as the stub saw it. */
    public record Call(String method, String path, String authorization, long userId) {
    }

    /** A session's participants; {@code adminId} null while it waits. */
    public record Session(String sessionId, long userId, Long adminId) {
    }

    private static final String USER_SESSIONS = "/api/v2/chat/sessions";
    private static final String ADMIN_SESSIONS = "/api/v2/admin/chat/sessions";

    private static SessionServiceStub shared;

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private SessionServiceStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(USER_SESSIONS, this::userSessions);
        server.createContext(ADMIN_SESSIONS, this::adminSessions);
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

    public Session register(String sessionId, long userId, Long adminId) {
        Session session = new Session(sessionId, userId, adminId);
        sessions.put(sessionId, session);
        return session;
    }

    public Session session(String sessionId) {
        return sessions.get(sessionId);
    }

    /** The session now held by this admin, as an admin reply makes it. */
    public void assign(String sessionId, long adminId) {
        sessions.computeIfPresent(sessionId, (id, session) -> new Session(id, session.userId(), adminId));
    }

    public List<Call> callsFor(long userId) {
        return calls.stream().filter(call -> call.userId() == userId).toList();
    }

    private void userSessions(HttpExchange exchange) throws IOException {
        try (exchange) {
            Long userId = authenticate(exchange);
            if (userId == null) {
                return;
            }
            String sessionId = sessionIdIn(exchange, USER_SESSIONS);
            if ("POST".equals(exchange.getRequestMethod()) && sessionId.isEmpty()) {
                Stubs.answer(exchange, 200, 0, Map.of("sessionId", sessionIdOf(userId), "status", "waiting"));
                return;
            }
            Session session = sessions.get(sessionId);
            if (session == null || session.userId() != userId) {
                Stubs.answer(exchange, 404, 4004, null);
                return;
            }
            Stubs.answer(exchange, 200, 0, describe(session));
        }
    }

    private void adminSessions(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (authenticate(exchange) == null) {
                return;
            }
            Session session = sessions.get(sessionIdIn(exchange, ADMIN_SESSIONS));
            if (session == null) {
                Stubs.answer(exchange, 404, 4004, null);
                return;
            }
            Stubs.answer(exchange, 200, 0, describe(session));
        }
    }

    /** @return the caller's user id, or null once 401 is answered */
    private Long authenticate(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            Stubs.answer(exchange, 401, 4001, null);
            return null;
        }
        long userId = subjectOf(authorization.substring("Bearer ".length()));
        calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), authorization, userId));
        return userId;
    }

    private static String sessionIdIn(HttpExchange exchange, String prefix) {
        String rest = exchange.getRequestURI().getPath().substring(prefix.length());
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }

    private static Map<String, Object> describe(Session session) {
        Map<String, Object> data = new HashMap<>();
        data.put("sessionId", session.sessionId());
        data.put("userId", session.userId());
        data.put("adminId", session.adminId());
        data.put("status", session.adminId() == null ? "waiting" : "active");
        return data;
    }

    static long subjectOf(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        JsonNode claims = Kafka.JSON.readTree(payload);
        return Long.parseLong(claims.path("sub").asString());
    }
}
