package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.ChatStack;

import tools.jackson.databind.JsonNode;

/**
 * What a careless or hostile client can do through the gateway, each case a defect once seen on the running system:
 * none of it may answer 5xx, stall another client, or leak a token.
 */
class BadInputIT {

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.");

    private final String gateway = SystemUnderTest.gatewayUrl();
    private final ChatStack stack = SystemUnderTest.stack();
    private final Api api = new Api(gateway);

    @Test
    void retryKeysThatDifferOnlyInCaseOrAccentAreDifferentMessagesOverRest() {
        String user = api.login(IdentityIT.freshMobile());
        String sessionId = openSession(user);

        List<String> ids = Stream.of("k1", "K1", "é", "e", "É").map(key -> {
            Api.Answer answer = api.post(messages(sessionId), user,
                    "{\"content\":\"key " + key + "\",\"messageType\":\"text\",\"tempMessageId\":\"" + key + "\"}");
            assertThat(answer.status()).as(answer.body().toString()).isBetween(200, 201);
            return answer.data().path("messageId").asString();
        }).toList();

        assertThat(new HashSet<>(ids)).hasSize(5);
        assertThat(api.get(messages(sessionId), user).data().path("totalCount").asInt()).isEqualTo(5);
    }

    @Test
    void retryKeysThatDifferOnlyInCaseOverWebSocketAreStoredAndStallNoOtherDiner() {
        String token = api.login(IdentityIT.freshMobile());
        try (TestSocket sender = TestSocket.connect(gateway, "/ws", token)) {
            sender.awaitFrame("connection_established");
            sender.send("send_message", text("小写").put("tempMessageId", "k1"));
            sender.send("send_message", text("大写").put("tempMessageId", "K1"));

            String lower = sender.awaitFrame("message_sent", sent -> sent.path("tempMessageId").asString().equals("k1"))
                    .path("messageId").asString();
            String upper = sender.awaitFrame("message_sent", sent -> sent.path("tempMessageId").asString().equals("K1"))
                    .path("messageId").asString();
            assertThat(upper).isNotEqualTo(lower);
        }
        assertEveryFreshDinerIsAcknowledged(10);
    }

    @Test
    void madeUpSessionIdsAreRefusedWith4004AndStallNoOtherDiner() {
        String token = api.login(IdentityIT.freshMobile());
        try (TestSocket liar = TestSocket.connect(gateway, "/ws", token)) {
            liar.awaitFrame("connection_established");
            List<String> tempIds = IntStream.range(0, 8).mapToObj(i -> "made-up-" + i).toList();
            tempIds.forEach(tempId -> liar.send("send_message", text("不存在的会话")
                    .put("sessionId", UUID.randomUUID().toString()).put("tempMessageId", tempId)));

            for (String tempId : tempIds) {
                JsonNode error = liar.awaitFrame("error", data -> tempId.equals(data.path("tempMessageId").asString()));
                assertThat(error.path("data").path("code").asInt()).isEqualTo(4004);
            }
            assertEveryFreshDinerIsAcknowledged(20);
            assertThat(liar.framesOfType("message_sent")).isEmpty();
        }
    }

    @Test
    void aLargeBacklogReachesTheReconnectingDinerAndTheConnectionStaysOpen() {
        String userToken = api.login(IdentityIT.freshMobile());
        String admin = api.login("13612227930");
        String sessionId = openSession(userToken);
        String nearlyFull = "满".repeat(5_000);
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Api.Answer reply = api.post("/api/v2/admin/chat/sessions/" + sessionId + "/messages", admin,
                    "{\"content\":\"" + i + nearlyFull + "\",\"messageType\":\"text\"}");
            assertThat(reply.status()).as(reply.body().toString()).isBetween(200, 201);
            replies.add(reply.data().path("messageId").asString());
        }

        try (TestSocket diner = TestSocket.connect(gateway, "/ws", userToken)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    diner.framesOfType("offline_messages").stream()
                            .flatMap(frame -> frame.path("data").path("messages").findValuesAsString("messageId").stream())
                            .toList()).containsAll(replies));
            diner.send("ping", TestSocket.data());
            diner.awaitFrame("pong");
            assertThat(diner.closedByServer()).isFalse();
        }
    }

    @Test
    void aRequestIdThatIsNotAShortStringIsRefusedWith4000() {
        String token = api.login(IdentityIT.freshMobile());
        try (TestSocket client = TestSocket.connect(gateway, "/ws", token)) {
            client.awaitFrame("connection_established");
            String hugeArray = "[" + String.join(",", java.util.Collections.nCopies(6_000, "\"xx\"")) + "]";
            client.send("{\"type\":\"ping\",\"data\":{},\"requestId\":" + hugeArray + "}");
            client.send("{\"type\":\"ping\",\"data\":{},\"requestId\":\"" + "r".repeat(65) + "\"}");
            String longest = "R".repeat(64);
            client.send("ping", TestSocket.data(), longest);

            await().atMost(Duration.ofSeconds(30)).until(() -> client.framesOfType("error").size() >= 2);
            assertThat(client.framesOfType("error")).allSatisfy(error -> {
                assertThat(error.path("data").path("code").asInt()).isEqualTo(4000);
                assertThat(error.toString()).doesNotContain("xx\",\"xx").doesNotContain("r".repeat(65));
            });
            assertThat(client.awaitFrame("pong").path("requestId").asString()).isEqualTo(longest);
        }
    }

    @Test
    void aFrameIsMeasuredInBytesNotCharacters() {
        String token = api.login(IdentityIT.freshMobile());
        try (TestSocket client = TestSocket.connect(gateway, "/ws", token)) {
            client.awaitFrame("connection_established");
            // 30,000 characters, about 90 KB in UTF-8: over the 64 KB limit however a character is counted.
            client.send("typing_start", TestSocket.data().put("sessionId", "字".repeat(30_000)));
            assertThat(client.awaitCloseCode()).isEqualTo(1009);
        }
    }

    @Test
    void aWrongMethodMediaTypeOrBodyIsA4xxInTheEnvelopeOnEveryService() {
        String admin = api.login("13612227930");
        String user = api.login(IdentityIT.freshMobile());
        assertEnvelope(api.raw("DELETE", "/api/v2/admin/chat/stats/today", admin, null, null), 405);
        assertEnvelope(api.raw("DELETE", "/api/v2/admin/chat/sessions", admin, null, null), 405);
        assertEnvelope(api.raw("DELETE", "/api/v2/auth/me", user, null, null), 405);
        String sessionId = openSession(user);
        assertEnvelope(api.raw("DELETE", messages(sessionId), user, null, null), 405);
        assertEnvelope(api.raw("POST", messages(sessionId), user, "text/plain", "hello"), 415);
        assertEnvelope(api.raw("POST", messages(sessionId), user, "application/json", "{\"content\":"), 400);
        assertEnvelope(api.raw("POST", "/api/v2/auth/login", null, "application/json", "[1,2"), 400);
        assertEnvelope(api.raw("PUT", "/api/v2/admin/chat/admins/me/status", admin, "application/json",
                "{\"status\":[\"online\"]}"), 400);
    }

    @Test
    void noLogLineOfAnyProcessCarriesAToken() throws IOException {
        String user = api.login(IdentityIT.freshMobile());
        String admin = api.login("13612227930");
        try (TestSocket client = TestSocket.connect(gateway, "/ws", user);
             TestSocket legacy = TestSocket.connect(gateway, "/chat?type=admin", admin)) {
            client.awaitFrame("connection_established");
            legacy.awaitFrame("connection_established");
        }
        api.get("/api/v2/admin/chat/sessions?token=" + admin, admin);
        // Access lines carry paths, not query strings: the marker is a path the gateway answers 404 to.
        String marker = "log-marker-" + UUID.randomUUID();
        api.raw("GET", "/api/v2/" + marker, user, null, null);
        Path logs = Path.of(System.getProperty("chat.project.root", "..")).resolve("e2e-tests/target/stack-logs");
        await().atMost(Duration.ofSeconds(30)).until(() -> logsContain(logs, marker));

        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                assertThat(JWT.matcher(text).find()).as("a token in " + file.getFileName()).isFalse();
            }
        }
    }

    @Test
    void everyMessageCarriesItsSequenceInEveryFrameAndInHistory() {
        String userToken = api.login(IdentityIT.freshMobile());
        String adminToken = api.login("13612227930");
        try (TestSocket user = TestSocket.connect(gateway, "/ws", userToken)) {
            user.awaitFrame("connection_established");
            user.send("send_message", text("一").put("tempMessageId", "seq-1"));
            JsonNode first = user.awaitFrame("message_sent", sent -> sent.path("tempMessageId").asString().equals("seq-1"));
            String sessionId = first.path("data").path("sessionId").asString();
            try (TestSocket admin = SystemUnderTest.connectOnOtherNode(gateway, "/ws", adminToken, user)) {
                user.send("send_message", text("二").put("tempMessageId", "seq-2"));
                JsonNode second = user.awaitFrame("message_sent",
                        sent -> sent.path("tempMessageId").asString().equals("seq-2"));
                assertThat(first.path("data").path("sequence").asLong()).isEqualTo(1);
                assertThat(second.path("data").path("sequence").asLong()).isEqualTo(2);

                JsonNode pushed = admin.awaitFrame("new_message",
                        data -> sessionId.equals(data.path("sessionId").asString())
                                && data.toString().contains("\"二\""));
                assertThat(pushed.path("data").findValue("sequence").asLong()).isEqualTo(2);

                admin.send("sync", TestSocket.data().put("sessionId", sessionId).put("afterMessageId", ""));
                JsonNode synced = admin.awaitFrame("sync_messages",
                        data -> sessionId.equals(data.path("sessionId").asString()));
                assertThat(synced.path("data").path("messages").findValues("sequence"))
                        .extracting(JsonNode::asLong).containsExactly(1L, 2L);
            }
            JsonNode history = api.get(messages(sessionId), userToken).data();
            assertThat(history.findValues("sequence")).extracting(JsonNode::asLong).containsExactlyInAnyOrder(1L, 2L);
        }
    }

    @Test
    void aConnectionWhoseTokenExpiresIsToldSoAndClosed() {
        String mobile = IdentityIT.freshMobile();
        long userId = api.get("/api/v2/auth/me", api.login(mobile)).data().path("userId").asLong();
        String shortLived = stack.tokens().issueExpiringIn(userId, mobile, "过期用户", false, Duration.ofSeconds(2));
        try (TestSocket client = TestSocket.connect(gateway, "/ws", shortLived)) {
            client.awaitFrame("connection_established");
            await().atMost(Duration.ofSeconds(120)).until(() -> !client.framesOfType("error").isEmpty());
            assertThat(client.framesOfType("error").getFirst().path("data").path("code").asInt()).isEqualTo(4002);
            assertThat(client.awaitCloseCode()).isPositive();
        }
    }

    @Test
    void aMessageTheDinerNeverAcknowledgedComesAgainOnReconnect() {
        String userToken = api.login(IdentityIT.freshMobile());
        String admin = api.login("13612227930");
        String sessionId = openSession(userToken);
        String replyId;
        try (TestSocket halfOpen = TestSocket.connect(gateway, "/ws", userToken)) {
            halfOpen.awaitFrame("connection_established");
            replyId = api.post("/api/v2/admin/chat/sessions/" + sessionId + "/messages", admin,
                    "{\"content\":\"您看到了吗\",\"messageType\":\"text\"}").data().path("messageId").asString();
            String expected = replyId;
            halfOpen.awaitFrame("new_message", data -> data.toString().contains(expected));
        }
        try (TestSocket back = TestSocket.connect(gateway, "/ws", userToken)) {
            JsonNode offline = back.awaitFrame("offline_messages").path("data").path("messages");
            assertThat(offline.findValuesAsString("messageId")).contains(replyId);
            long sequence = offline.findValues("sequence").stream().mapToLong(JsonNode::asLong).max().orElseThrow();

            back.send("ack", TestSocket.data().put("sessionId", sessionId).put("sequence", sequence));
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get(messages(sessionId), userToken).data()
                    .findValues("messageId").stream().anyMatch(id -> id.asString().equals(replyId))
                    && statusOf(sessionId, userToken, replyId).equals("delivered"));
        }
    }

    private String statusOf(String sessionId, String token, String messageId) {
        for (JsonNode message : api.get(messages(sessionId), token).data().path("messages")) {
            if (messageId.equals(message.path("messageId").asString())) {
                return message.path("status").asString();
            }
        }
        return "missing";
    }

    /** Fresh diners each send one message over WebSocket; every one of them must be acknowledged. */
    private void assertEveryFreshDinerIsAcknowledged(int diners) {
        List<TestSocket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < diners; i++) {
                TestSocket diner = TestSocket.connect(gateway, "/ws", api.login(IdentityIT.freshMobile()));
                clients.add(diner);
                diner.awaitFrame("connection_established");
                diner.send("send_message", text("诚实的食客 " + i).put("tempMessageId", "honest-" + i));
            }
            Set<String> acknowledged = new HashSet<>();
            for (TestSocket diner : clients) {
                acknowledged.add(diner.awaitFrame("message_sent").path("data").path("messageId").asString());
            }
            assertThat(acknowledged).hasSize(diners);
        } finally {
            clients.forEach(TestSocket::close);
        }
    }

    private static void assertEnvelope(Api.Answer answer, int status) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().path("success").asBoolean(true)).isFalse();
        assertThat(answer.body().path("code").asInt()).isBetween(4000, 4999);
        assertThat(answer.body().path("msg").asString()).isNotBlank();
    }

    private static boolean logsContain(Path logs, String marker) {
        try (Stream<Path> files = Files.list(logs)) {
            return files.anyMatch(file -> {
                try {
                    return Files.readString(file, StandardCharsets.UTF_8).contains(marker);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String openSession(String token) {
        return api.post("/api/v2/chat/sessions", token, "{}").data().path("sessionId").asString();
    }

    private static String messages(String sessionId) {
        return "/api/v2/chat/sessions/" + sessionId + "/messages";
    }

    private static tools.jackson.databind.node.ObjectNode text(String content) {
        return TestSocket.data().put("content", content).put("messageType", "text");
    }
}
