package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;

import tools.jackson.databind.JsonNode;

/**
 * CONTRACT.md message rows through the gateway: REST send and history (paging, cursors, clamping), idempotent
 * temp ids on REST and WebSocket, delivered and read states with messages_read, typing, the admin console's
 * chat_message, offline replay and sync.
 */
class MessagesIT {

    private final String gateway = SystemUnderTest.gatewayUrl();
    private final Api api = new Api(gateway);

    @Test
    void historyPagesNewestFirstByPageOldestFirstInsideWithCursorsAndClamping() {
        String user = api.login(IdentityIT.freshMobile());
        String admin = api.login("13612227930");
        String sessionId = openSession(user);
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            sent.add(api.post(messages(sessionId), user, text("第" + i + "条")).data().path("messageId").asString());
        }

        Api.Answer first = api.get("/api/v2/admin/chat/sessions/" + sessionId + "/messages?page=1", admin);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.data().path("messages").findValuesAsString("messageId")).isEqualTo(sent.subList(5, 25));
        assertThat(first.data().path("totalCount").asInt()).isEqualTo(25);
        JsonNode pagination = first.data().path("pagination");
        assertThat(pagination.path("currentPage").asInt()).isEqualTo(1);
        assertThat(pagination.path("pageSize").asInt()).isEqualTo(20);
        assertThat(pagination.path("totalPages").asInt()).isEqualTo(2);
        assertThat(pagination.path("hasMore").asBoolean()).isTrue();

        Api.Answer second = api.get(messages(sessionId) + "?page=2", user);
        assertThat(second.data().path("messages").findValuesAsString("messageId")).isEqualTo(sent.subList(0, 5));
        assertThat(second.data().path("pagination").path("hasMore").asBoolean()).isFalse();

        Api.Answer before = api.get(messages(sessionId) + "?pageSize=3&before=" + sent.get(10), user);
        assertThat(before.data().path("messages").findValuesAsString("messageId")).isEqualTo(sent.subList(7, 10));

        Api.Answer after = api.get(messages(sessionId) + "?pageSize=3&after=" + sent.get(10), user);
        assertThat(after.data().path("messages").findValuesAsString("messageId")).isEqualTo(sent.subList(11, 14));
        assertThat(after.data().path("pagination").path("hasMore").asBoolean()).isTrue();

        Api.Answer clamped = api.get(messages(sessionId) + "?pageSize=500", user);
        assertThat(clamped.data().path("pagination").path("pageSize").asInt()).isEqualTo(50);
        ErrorTableIT.assertError(api.get(messages(sessionId) + "?pageSize=abc", user), 400, 4000);

        JsonNode item = first.data().path("messages").get(0);
        assertThat(item.path("sessionId").asString()).isEqualTo(sessionId);
        assertThat(item.path("senderType").asString()).isEqualTo("user");
        assertThat(item.path("messageType").asString()).isEqualTo("text");
        assertThat(item.path("attachments").isArray()).isTrue();
        assertThat(item.path("sender").has("nickname")).isTrue();
        assertThat(item.path("createdAt").asString()).endsWith("Z");
    }

    @Test
    void aRepeatedTempMessageIdStoresOnceOnRestAndWebSocket() {
        String userToken = api.login(IdentityIT.freshMobile());
        String sessionId = openSession(userToken);
        String body = "{\"content\":\"只存一次\",\"messageType\":\"text\",\"tempMessageId\":\"rest-1\"}";

        String firstId = api.post(messages(sessionId), userToken, body).data().path("messageId").asString();
        String againId = api.post(messages(sessionId), userToken, body).data().path("messageId").asString();
        assertThat(againId).isEqualTo(firstId);

        try (TestSocket user = TestSocket.connect(gateway, "/ws", userToken)) {
            for (int i = 0; i < 2; i++) {
                user.send("send_message", TestSocket.data().put("sessionId", sessionId).put("content", "WS 只存一次")
                        .put("messageType", "text").put("tempMessageId", "ws-1"));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> user.framesOfType("message_sent").size() == 2);
            assertThat(user.framesOfType("message_sent").stream()
                    .map(frame -> frame.path("data").path("messageId").asString()).distinct()).hasSize(1);
        }
        assertThat(api.get(messages(sessionId), userToken).data().path("totalCount").asInt()).isEqualTo(2);
    }

    @Test
    void serverOnlyTypesAndAttachmentlessImagesAreRefused() {
        String user = api.login(IdentityIT.freshMobile());
        String sessionId = openSession(user);

        ErrorTableIT.assertError(api.post(messages(sessionId), user,
                "{\"content\":\"伪造系统消息\",\"messageType\":\"system\"}"), 400, 4000);
        ErrorTableIT.assertError(api.post(messages(sessionId), user,
                "{\"content\":\"\",\"messageType\":\"image\"}"), 400, 4000);
        ErrorTableIT.assertError(api.post(messages(sessionId), user,
                "{\"content\":\"   \",\"messageType\":\"text\"}"), 400, 4000);
        Api.Answer image = api.post(messages(sessionId), user, "{\"content\":\"\",\"messageType\":\"image\","
                + "\"attachments\":[{\"url\":\"https://cdn.example.com/a.png\",\"name\":\"a.png\",\"size\":1024,"
                + "\"mimeType\":\"image/png\"}]}");
        assertThat(image.status()).isBetween(200, 201);
    }

    @Test
    void deliveredReadAndTypingCrossNodes() {
        String userToken = api.login(IdentityIT.freshMobile());
        String adminToken = api.login("13612227930");
        try (TestSocket user = TestSocket.connect(gateway, "/ws", userToken);
             TestSocket admin = SystemUnderTest.connectOnOtherNode(gateway, "/ws", adminToken, user)) {
            user.send("send_message", TestSocket.data().put("content", "在吗").put("messageType", "text")
                    .put("tempMessageId", UUID.randomUUID().toString()));
            JsonNode sent = user.awaitFrame("message_sent").path("data");
            String sessionId = sent.path("sessionId").asString();
            String userMessage = sent.path("messageId").asString();
            JsonNode pushed = admin.awaitFrame("new_message",
                    data -> userMessage.equals(data.path("messageId").asString())).path("data");
            // Delivered means the client said it has the message, not that a socket took the bytes.
            admin.send("ack", TestSocket.data().put("sessionId", sessionId)
                    .put("sequence", pushed.path("sequence").asLong()));
            await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(sessionId, userMessage, adminToken),
                    "delivered"::equals);

            user.send("typing_start", TestSocket.data().put("sessionId", sessionId));
            JsonNode typing = admin.awaitFrame("user_typing", data -> data.path("typing").asBoolean()).path("data");
            assertThat(typing.path("sessionId").asString()).isEqualTo(sessionId);
            assertThat(typing.path("senderType").asString()).isEqualTo("user");
            user.send("typing_stop", TestSocket.data().put("sessionId", sessionId));
            admin.awaitFrame("user_typing", data -> !data.path("typing").asBoolean());

            admin.send("mark_read", TestSocket.data().put("sessionId", sessionId).put("allMessages", true));
            JsonNode read = user.awaitFrame("messages_read").path("data");
            assertThat(read.path("readerType").asString()).isEqualTo("admin");
            assertThat(read.path("readerId").asLong()).isEqualTo(31);
            List<String> readIds = new ArrayList<>();
            read.path("messageIds").forEach(id -> readIds.add(id.asString()));
            assertThat(readIds).contains(userMessage);
            assertThat(statusOf(sessionId, userMessage, adminToken)).isEqualTo("read");

            admin.send("chat_message", TestSocket.data().put("sessionId", sessionId).put("content", "马上为您处理")
                    .put("messageType", "text").put("tempMessageId", "admin-ws-1"));
            String reply = admin.awaitFrame("message_sent",
                    data -> "admin-ws-1".equals(data.path("tempMessageId").asString())).path("data")
                    .path("messageId").asString();
            JsonNode toUser = user.awaitFrame("new_message", data -> reply.equals(data.path("messageId").asString()))
                    .path("data");
            assertThat(toUser.path("senderType").asString()).isEqualTo("admin");
            assertThat(toUser.path("senderId").asLong()).isEqualTo(31);
        }
    }

    @Test
    void aUserWhoWasAwayGetsWhatTheyMissedOnConnectAndBySync() {
        String userToken = api.login(IdentityIT.freshMobile());
        String adminToken = api.login("13612227930");
        String sessionId = openSession(userToken);
        String question = api.post(messages(sessionId), userToken, text("有人吗")).data().path("messageId").asString();
        String answer = api.post("/api/v2/admin/chat/sessions/" + sessionId + "/messages", adminToken,
                text("您好，在的")).data().path("messageId").asString();

        try (TestSocket user = TestSocket.connect(gateway, "/ws", userToken)) {
            JsonNode offline = user.awaitFrame("offline_messages").path("data").path("messages");
            assertThat(offline.findValuesAsString("messageId")).containsExactly(answer);

            user.send("sync", TestSocket.data().put("sessionId", sessionId).put("afterMessageId", question));
            JsonNode synced = user.awaitFrame("sync_messages").path("data");
            assertThat(synced.path("sessionId").asString()).isEqualTo(sessionId);
            assertThat(synced.path("messages").findValuesAsString("messageId")).containsExactly(answer);
            assertThat(synced.path("hasMore").asBoolean()).isFalse();
        }
    }

    private String statusOf(String sessionId, String messageId, String adminToken) {
        for (JsonNode message : api.get("/api/v2/admin/chat/sessions/" + sessionId + "/messages", adminToken)
                .data().path("messages")) {
            if (messageId.equals(message.path("messageId").asString())) {
                return message.path("status").asString();
            }
        }
        return null;
    }

    private String openSession(String token) {
        return api.post("/api/v2/chat/sessions", token, "{}").data().path("sessionId").asString();
    }

    private static String messages(String sessionId) {
        return "/api/v2/chat/sessions/" + sessionId + "/messages";
    }

    private static String text(String content) {
        return "{\"content\":\"" + content + "\",\"messageType\":\"text\"}";
    }
}
