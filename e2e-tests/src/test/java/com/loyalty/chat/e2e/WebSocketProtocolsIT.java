package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;

import tools.jackson.databind.JsonNode;

/**
 * Both WebSocket protocols through the gateway, diner and admin on different realtime nodes: the frame shape,
 * liveness answers, bad input, and the existing front end's /chat events.
 */
class WebSocketProtocolsIT {

    private final String gateway = SystemUnderTest.gatewayUrl();
    private final Api api = new Api(gateway);

    @Test
    void everyServerFrameHasTypeDataTimestampAndItsOwnId() {
        try (TestSocket user = TestSocket.connect(gateway, "/ws", api.login(IdentityIT.freshMobile()))) {
            JsonNode frame = user.awaitFrame("connection_established");

            assertThat(frame.path("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(frame.path("messageId").asString()).isNotBlank();
            JsonNode data = frame.path("data");
            assertThat(data.path("connectionId").asString()).isNotBlank();
            assertThat(data.path("nodeId").asString()).startsWith("realtime-");
            assertThat(data.path("heartbeatInterval").asInt()).isEqualTo(90000);
            assertThat(data.path("serverTime").asString()).isNotBlank();
            assertThat(data.path("isAdmin").asBoolean()).isFalse();
        }
    }

    @Test
    void answersHeartbeatAndPingEchoingTheRequestId() {
        try (TestSocket user = TestSocket.connect(gateway, "/ws", api.login(IdentityIT.freshMobile()))) {
            user.send("heartbeat", TestSocket.data(), "hb-1");
            user.send("ping", TestSocket.data(), "ping-1");

            assertThat(user.awaitFrame("heartbeat_ack").path("requestId").asString()).isEqualTo("hb-1");
            JsonNode pong = user.awaitFrame("pong");
            assertThat(pong.path("requestId").asString()).isEqualTo("ping-1");
            assertThat(pong.path("data").path("serverTime").asString()).isNotBlank();
        }
    }

    @Test
    void badInputGetsAnErrorFrameAndTheConnectionStaysUsable() {
        try (TestSocket user = TestSocket.connect(gateway, "/ws", api.login(IdentityIT.freshMobile()))) {
            user.send("{this is not json");
            user.send("no_such_type", TestSocket.data(), "unknown-1");
            user.send("send_message", TestSocket.data().put("content", "长".repeat(6000)).put("messageType", "text")
                    .put("tempMessageId", "too-big"));

            assertThat(user.awaitFrame("error", data -> data.path("code").asInt() == 4000
                    && "no_such_type".equals(data.path("requestType").asString()))).isNotNull();
            assertThat(user.awaitFrame("error", data -> data.path("code").asInt() == 4000
                    && !"no_such_type".equals(data.path("requestType").asString()))).isNotNull();
            assertThat(user.awaitFrame("error", data -> data.path("code").asInt() == 4013).path("data")
                    .path("tempMessageId").asString()).isEqualTo("too-big");
            user.send("ping", TestSocket.data(), "still-there");
            assertThat(user.awaitFrame("pong").path("requestId").asString()).isEqualTo("still-there");
        }
    }

    @Test
    void aFloodOfFramesIsRateLimitedWith4029AndTheConnectionStaysUsable() {
        try (TestSocket user = TestSocket.connect(gateway, "/ws", api.login(IdentityIT.freshMobile()))) {
            user.awaitFrame("connection_established");
            for (int frame = 0; frame < 200; frame++) {
                user.send("ping", TestSocket.data(), "flood-" + frame);
            }

            JsonNode limited = user.awaitFrame("error", data -> data.path("code").asInt() == 4029).path("data");
            assertThat(limited.path("requestType").asString()).isEqualTo("ping");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                user.send("ping", TestSocket.data(), "after-flood");
                assertThat(user.framesOfType("pong")).anyMatch(pong -> "after-flood".equals(
                        pong.path("requestId").asString()));
            });
        }
    }

    @Test
    void aFrameOver64KilobytesClosesTheConnectionWith1009() {
        try (TestSocket user = TestSocket.connect(gateway, "/ws", api.login(IdentityIT.freshMobile()))) {
            user.awaitFrame("connection_established");
            user.send("{\"type\":\"ping\",\"data\":{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}}");

            assertThat(user.awaitCloseCode()).isEqualTo(1009);
        }
    }

    @Test
    void handshakeWithoutAValidTokenIsRefusedInTheEnvelope() {
        ErrorTableIT.assertError(api.get("/ws", null), 401, 4001);
        ErrorTableIT.assertError(api.get("/chat?type=admin&token=forged", null), 401, 4002);
        ErrorTableIT.assertError(api.get("/chat?type=admin&token=" + api.login(IdentityIT.freshMobile()), null),
                403, 4003);
    }

    @Test
    void existingFrontEndGetsNewUserMessageAndSessionStatusChangedOnChat() {
        String userToken = api.login(IdentityIT.freshMobile());
        String adminToken = api.login("13612227930");
        try (TestSocket user = TestSocket.connect(gateway, "/ws", userToken);
             TestSocket console = SystemUnderTest.connectOnOtherNode(gateway, "/chat?type=admin", adminToken, user)) {
            assertThat(console.awaitFrame("connection_established").path("data").path("isAdmin").asBoolean()).isTrue();
            String content = "旧前端 " + UUID.randomUUID();
            user.send("send_message", TestSocket.data().put("content", content).put("messageType", "text")
                    .put("tempMessageId", UUID.randomUUID().toString()));

            JsonNode pushed = console.awaitFrame("new_user_message",
                    data -> content.equals(data.path("message").path("content").asString())).path("data");
            String sessionId = pushed.path("sessionId").asString();
            assertThat(pushed.path("message").path("messageId").asString()).startsWith("msg_");
            assertThat(pushed.path("message").path("senderType").asString()).isEqualTo("user");
            assertThat(pushed.path("userInfo").path("userId").asLong())
                    .isEqualTo(pushed.path("message").path("senderId").asLong());

            Api.Answer reply = api.post("/admin/chat/sessions/" + sessionId + "/messages", adminToken,
                    "{\"content\":\"您好，我来看看\",\"messageType\":\"text\",\"adminId\":999}");
            assertThat(reply.status()).isBetween(200, 201);
            assertThat(reply.data().path("messageId").asString()).startsWith("msg_");
            assertThat(reply.data().path("status").asString()).isEqualTo("sent");

            JsonNode changed = console.awaitFrame("session_status_changed",
                    data -> sessionId.equals(data.path("sessionId").asString())
                            && "active".equals(data.path("status").asString())).path("data");
            assertThat(changed.path("adminId").asLong()).as("identity from the token, not the body").isEqualTo(31);
            assertThat(changed.path("timestamp").asString()).isNotBlank();

            JsonNode toUser = user.awaitFrame("new_message",
                    data -> reply.data().path("messageId").asString().equals(data.path("messageId").asString()))
                    .path("data");
            assertThat(toUser.path("senderType").asString()).isEqualTo("admin");
            assertThat(toUser.path("senderId").asLong()).isEqualTo(31);
            JsonNode status = user.awaitFrame("session_status",
                    data -> sessionId.equals(data.path("sessionId").asString())
                            && "active".equals(data.path("status").asString())).path("data");
            assertThat(status.path("adminInfo").path("adminId").asLong()).isEqualTo(31);
            assertThat(status.has("oldStatus")).isTrue();
        }
    }
}
