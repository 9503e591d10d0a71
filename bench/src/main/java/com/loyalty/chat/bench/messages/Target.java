package com.loyalty.chat.bench.messages;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.loyalty.chat.bench.Rest;

import tools.jackson.databind.JsonNode;

/**
 * What differs between the system under test and the incumbent it replaces, as a client sees it: the login body, how
 * a user gets a session, the frame a user sends, and what must happen before a user's messages reach an admin.
 */
sealed interface Target {

    String name();

    Account login(Rest rest, String mobile);

    /** The user's open session, created if needed. */
    String openSession(Rest rest, Account user);

    /** Whatever the admin must do before the users' messages reach their socket. */
    void prepareSessions(Rest rest, Account admin, List<String> sessionIds);

    String sendFrame(String sessionId, String content, String tempMessageId);

    /** Whether logins from one address are rate limited, so the benchmark paces them. */
    boolean pacesLogins();

    default URI socketUri(URI base, Account account) {
        return URI.create(base.toString().replaceFirst("^http", "ws") + "/ws?token="
                + URLEncoder.encode(account.token(), StandardCharsets.UTF_8));
    }

    record Account(long userId, String token) {
    }

    static Target named(String name) {
        return switch (name) {
            case "project" -> new Project();
            case "peer" -> new Peer();
            default -> throw new IllegalArgumentException("--target must be project or peer, not " + name);
        };
    }

    /** This system: the contract in shared/spec/CONTRACT.md. */
    record Project() implements Target {

        @Override
        public String name() {
            return "project";
        }

        @Override
        public Account login(Rest rest, String mobile) {
            JsonNode data = rest.post("/api/v2/auth/login", null,
                    Map.of("mobile", mobile, "verificationCode", "123456")).path("data");
            return new Account(data.path("user").path("userId").asLong(), data.path("token").asString());
        }

        @Override
        public String openSession(Rest rest, Account user) {
            return rest.post("/api/v2/chat/sessions", user.token(), Map.of()).path("data").path("sessionId")
                    .asString();
        }

        /** Nothing: an admin connection gets every unassigned session's messages, and its own sessions'. */
        @Override
        public void prepareSessions(Rest rest, Account admin, List<String> sessionIds) {
        }

        @Override
        public String sendFrame(String sessionId, String content, String tempMessageId) {
            return "{\"type\":\"send_message\",\"data\":{\"sessionId\":\"" + sessionId + "\",\"content\":\"" + content
                    + "\",\"messageType\":\"text\",\"tempMessageId\":\"" + tempMessageId + "\"}}";
        }

        @Override
        public boolean pacesLogins() {
            return true;
        }
    }

    /** The incumbent Node backend, as /work/shared/peer/README.md describes it. */
    record Peer() implements Target {

        @Override
        public String name() {
            return "peer";
        }

        @Override
        public Account login(Rest rest, String mobile) {
            JsonNode data = rest.post("/api/v2/auth/login", null,
                    Map.of("mobile", mobile, "verification_code", "123456")).path("data");
            return new Account(data.path("userInfo").path("userId").asLong(), data.path("token").asString());
        }

        @Override
        public String openSession(Rest rest, Account user) {
            return rest.post("/api/v2/chat/session", user.token(), Map.of()).path("data").path("sessionId")
                    .asString();
        }

        /**
         * The peer's auto-assignment on session creation fails, so a session's messages reach no admin until an admin
         * has replied to it over REST, which sets its admin.
         */
        @Override
        public void prepareSessions(Rest rest, Account admin, List<String> sessionIds) {
            for (String sessionId : sessionIds) {
                rest.post("/api/v2/admin/chat/sessions/" + sessionId + "/messages", admin.token(),
                        Map.of("content", "您好，请问有什么可以帮您？"));
            }
        }

        @Override
        public String sendFrame(String sessionId, String content, String tempMessageId) {
            return "{\"type\":\"chat_message\",\"data\":{\"sessionId\":\"" + sessionId + "\",\"content\":\"" + content
                    + "\",\"messageType\":\"text\",\"tempMessageId\":\"" + tempMessageId + "\"}}";
        }

        @Override
        public boolean pacesLogins() {
            return false;
        }
    }
}
