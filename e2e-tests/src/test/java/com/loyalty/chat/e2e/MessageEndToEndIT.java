package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;

import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton: a diner's WebSocket message is stored, acknowledged to the diner, pushed to an admin on
 * another realtime node, and readable by the admin over REST, all through the gateway.
 */
class MessageEndToEndIT {

    private final String gateway = SystemUnderTest.gatewayUrl();
    private final Api api = new Api(gateway);

    @Test
    void userMessageReachesAdminOnAnotherNodeAndHistory() {
        String userToken = api.login("13800000001");
        String adminToken = api.login("13612227930");

        try (TestSocket user = TestSocket.connect(gateway, "/ws", userToken);
             TestSocket admin = SystemUnderTest.connectOnOtherNode(gateway, "/ws", adminToken, user)) {
            JsonNode established = user.awaitFrame("connection_established").path("data");
            assertThat(established.path("isAdmin").asBoolean()).isFalse();
            assertThat(established.path("heartbeatInterval").asInt()).isEqualTo(90000);

            String tempId = "temp_" + UUID.randomUUID();
            String content = "你好，我的积分没有到账 " + tempId;
            user.send("send_message", TestSocket.data()
                    .put("content", content).put("messageType", "text").put("tempMessageId", tempId)
                    .set("senderInfo", TestSocket.data().put("userId", 31).put("userType", "admin")));

            JsonNode sent = user.awaitFrame("message_sent", data -> tempId.equals(data.path("tempMessageId").asString()))
                    .path("data");
            String messageId = sent.path("messageId").asString();
            String sessionId = sent.path("sessionId").asString();
            assertThat(messageId).matches("msg_\\d+_[0-9a-f]{8}");
            assertThat(sessionId).matches("session_\\d+_[0-9a-f]{8}");

            JsonNode opened = admin.awaitFrame("new_session",
                    data -> sessionId.equals(data.path("sessionId").asString())).path("data");
            assertThat(opened.path("userInfo").path("userId").asLong()).isEqualTo(established.path("userId").asLong());
            assertThat(opened.path("source").asString()).isEqualTo("mobile");

            JsonNode pushed = admin.awaitFrame("new_message",
                    data -> messageId.equals(data.path("messageId").asString())).path("data");
            assertThat(pushed.path("content").asString()).isEqualTo(content);
            assertThat(pushed.path("senderType").asString()).isEqualTo("user");
            assertThat(pushed.path("senderId").asLong())
                    .as("identity comes from the token, not from senderInfo")
                    .isEqualTo(established.path("userId").asLong());

            Api.Answer history = api.get("/api/v2/admin/chat/sessions/" + sessionId + "/messages", adminToken);
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.body().path("code").asInt()).isZero();
            assertThat(history.body().path("success").asBoolean()).isTrue();
            JsonNode stored = history.data().path("messages").get(history.data().path("messages").size() - 1);
            assertThat(stored.path("messageId").asString()).isEqualTo(messageId);
            assertThat(stored.path("content").asString()).isEqualTo(content);
            assertThat(stored.path("sender").path("userId").asLong()).isEqualTo(established.path("userId").asLong());
        }
    }
}
