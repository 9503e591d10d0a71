package com.loyalty.chat.realtime.connection;

import static com.loyalty.chat.realtime.support.ContractFormats.MESSAGE_ID;
import static com.loyalty.chat.realtime.support.ContractFormats.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.realtime.NodeTest;
import com.loyalty.chat.realtime.support.Kafka;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

class ConnectionTest extends NodeTest {

    private final TestAccount account = TestAccount.next("连接测试");

    @Test
    void connectionEstablishedIsTheFirstFrameAndDescribesTheConnection() {
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            JsonNode frame = client.awaitFrame("connection_established");

            assertThat(client.frames().getFirst()).isEqualTo(frame);
            assertThat(frame.path("timestamp").asString()).matches(TIMESTAMP);
            assertThat(frame.path("messageId").asString()).matches(MESSAGE_ID);
            assertThat(frame.has("requestId")).isFalse();
            JsonNode data = frame.path("data");
            assertThat(data.path("connectionId").asString()).isNotBlank();
            assertThat(data.path("userId").asLong()).isEqualTo(account.userId());
            assertThat(data.path("isAdmin").isBoolean()).isTrue();
            assertThat(data.path("isAdmin").asBoolean()).isFalse();
            assertThat(data.path("nodeId").asString()).isEqualTo(NODE_A);
            assertThat(data.path("heartbeatInterval").asLong()).isEqualTo(90_000);
            assertThat(data.path("serverTime").asString()).matches(TIMESTAMP);
        }
    }

    @Test
    void anAdminTokenWithoutTypeMakesAnAdminConnectionAndTypeUserForcesAUserConnection() {
        try (TestSocket admin = connect("/ws?token=" + account.adminToken());
             TestSocket chatAdmin = connect("/chat?type=admin&role=admin&token=" + account.adminToken());
             TestSocket user = connect("/ws?type=user&token=" + account.adminToken())) {

            assertThat(admin.awaitFrame("connection_established").path("data").path("isAdmin").asBoolean()).isTrue();
            assertThat(chatAdmin.awaitFrame("connection_established").path("data").path("isAdmin").asBoolean())
                    .isTrue();
            assertThat(user.awaitFrame("connection_established").path("data").path("isAdmin").asBoolean())
                    .isFalse();
        }
    }

    @Test
    void heartbeatAndPingAreAnsweredWithServerTimeAndTheRequestIdEchoed() {
        try (TestSocket client = connect("/chat?token=" + account.userToken())) {
            client.send(frame(Map.of("type", "heartbeat", "requestId", "hb-1")));
            client.send(frame(Map.of("type", "ping", "data", Map.of(), "requestId", "p-7")));

            JsonNode ack = client.awaitFrame("heartbeat_ack");
            assertThat(ack.path("requestId").asString()).isEqualTo("hb-1");
            assertThat(ack.path("data").path("serverTime").asString()).matches(TIMESTAMP);
            assertThat(ack.path("messageId").asString()).matches(MESSAGE_ID);
            JsonNode pong = client.awaitFrame("pong");
            assertThat(pong.path("requestId").asString()).isEqualTo("p-7");
            assertThat(pong.path("data").path("serverTime").asString()).matches(TIMESTAMP);
        }
    }

    @Test
    void aRequestIdOf64CharactersIsEchoed() {
        String requestId = "请".repeat(64);
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.send(frame(Map.of("type", "ping", "requestId", requestId)));

            assertThat(client.awaitFrame("pong").path("requestId").asString()).isEqualTo(requestId);
        }
    }

    @Test
    void aRequestIdThatIsNotAStringOfAtMost64CharactersIsAnsweredWithError4000AndNeitherEchoedNorActedOn() {
        // The shape seen on the running system: a 24 KB array, echoed back and remembered.
        List<String> huge = Collections.nCopies(2_000, "0123456789");
        List<Object> invalid = List.of(huge, 7, "x".repeat(65), Map.of("id", "r-1"), true);
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.awaitFrame("offline_messages");

            invalid.forEach(requestId -> client.send(frame(Map.of("type", "ping", "requestId", requestId))));
            client.send(frame(Map.of("type", "ping", "requestId", "after")));

            client.awaitFrame(frame -> "after".equals(frame.path("requestId").asString()));
            List<JsonNode> errors = client.framesOfType("error");
            assertThat(errors).hasSize(invalid.size()).allSatisfy(error -> {
                assertThat(error.path("data").path("code").asInt()).isEqualTo(4000);
                assertThat(error.path("data").path("msg").asString()).contains("requestId");
                assertThat(error.path("data").path("requestType").asString()).isEqualTo("ping");
                assertThat(error.has("requestId")).isFalse();
            });
            assertThat(client.framesOfType("pong")).hasSize(1);
        }
    }

    @Test
    void malformedJsonIsAnsweredWithError4000AndTheConnectionKeepsWorking() {
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.send("{not json");

            JsonNode error = client.awaitFrame("error");
            assertThat(error.path("data").path("code").asInt()).isEqualTo(4000);
            assertThat(error.path("data").path("msg").asString()).isNotBlank();
            assertThat(error.path("data").has("requestType")).isTrue();
            assertThat(error.path("data").path("requestType").isNull()).isTrue();

            client.send(frame(Map.of("type", "ping")));
            client.awaitFrame("pong");
            assertThat(client.closedByServer()).isFalse();
        }
    }

    @Test
    void unknownTypeIsAnsweredWithError4000NamingTheTypeAndTheConnectionKeepsWorking() {
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.send(frame(Map.of("type", "dance", "requestId", "r-9")));

            JsonNode error = client.awaitFrame("error");
            assertThat(error.path("data").path("code").asInt()).isEqualTo(4000);
            assertThat(error.path("data").path("requestType").asString()).isEqualTo("dance");
            assertThat(error.path("requestId").asString()).isEqualTo("r-9");

            client.send(frame(Map.of("type", "heartbeat")));
            client.awaitFrame("heartbeat_ack");
            assertThat(client.closedByServer()).isFalse();
        }
    }

    @Test
    void aFrameWithoutTypeIsAnsweredWithError4000() {
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.send("[1, 2]");
            client.send(frame(Map.of("data", Map.of())));

            await().until(() -> client.framesOfType("error"), errors -> errors.size() == 2);
            assertThat(client.framesOfType("error")).allSatisfy(
                    error -> assertThat(error.path("data").path("code").asInt()).isEqualTo(4000));
        }
    }

    @Test
    void contentOver16KilobytesOfUtf8IsAnsweredWithError4013AndTheTempMessageId() {
        // 5462 characters, but 16386 UTF-8 bytes: the limit is on bytes.
        String content = "聊".repeat(5462);
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.send(frame(Map.of("type", "send_message", "data", Map.of("sessionId", "session_1_abcdef01",
                    "content", content, "messageType", "text", "tempMessageId", "temp_big"))));

            JsonNode error = client.awaitFrame("error").path("data");
            assertThat(error.path("code").asInt()).isEqualTo(4013);
            assertThat(error.path("tempMessageId").asString()).isEqualTo("temp_big");
            assertThat(error.path("requestType").asString()).isEqualTo("send_message");

            client.send(frame(Map.of("type", "ping")));
            client.awaitFrame("pong");
        }
    }

    @Test
    void aFrameLargerThanTheReceiveBufferButWithinTheLimitArrivesWhole() {
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.send(frame(Map.of("type", "ping", "data", Map.of("padding", "x".repeat(60_000)),
                    "requestId", "large")));

            assertThat(client.awaitFrame("pong").path("requestId").asString()).isEqualTo("large");
            assertThat(client.closedByServer()).isFalse();
        }
    }

    @Test
    void aFrameOver64KilobytesClosesTheConnectionWith1009() {
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.awaitFrame("connection_established");

            client.send(frame(Map.of("type", "send_message", "data", Map.of("content", "x".repeat(70_000)))));

            assertThat(client.awaitCloseCode()).isEqualTo(1009);
        }
    }

    @Test
    void aFrameOver64KilobytesOfUtf8ClosesTheConnectionWith1009ThoughItHasFewerCharacters() {
        // 25,000 characters, but 75,000 UTF-8 bytes: the limit is on bytes.
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.awaitFrame("connection_established");

            client.send(frame(Map.of("type", "ping", "data", Map.of("padding", "聊".repeat(25_000)))));

            assertThat(client.awaitCloseCode()).isEqualTo(1009);
        }
    }

    private static String frame(Map<String, ?> fields) {
        return Kafka.JSON.writeValueAsString(fields);
    }
}
