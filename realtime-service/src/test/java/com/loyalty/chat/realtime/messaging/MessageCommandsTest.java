package com.loyalty.chat.realtime.messaging;

import static com.loyalty.chat.realtime.support.ContractFormats.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.realtime.NodeTest;
import com.loyalty.chat.realtime.support.Kafka;
import com.loyalty.chat.realtime.support.SessionServiceStub;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

class MessageCommandsTest extends NodeTest {

    private final TestAccount account = TestAccount.next("发送者");
    private TopicReader<JsonNode> commands;

    @BeforeEach
    void tailCommands() {
        commands = Kafka.tail(Topics.MESSAGE_COMMANDS);
    }

    @AfterEach
    void closeTail() {
        commands.close();
    }

    @Test
    void sendMessageBecomesACommandWhoseSenderComesFromTheTokenNotTheFrame() {
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.send(frame("send_message", Map.of("sessionId", "session_1_abcdef01", "content", "你好",
                    "messageType", "text", "tempMessageId", "temp_1",
                    "senderInfo", Map.of("userId", 1, "userType", "admin", "nickname", "冒充者"),
                    "senderId", 1, "senderType", "admin")));

            var command = commands.awaitRecord(record ->
                    "temp_1".equals(record.value().path("tempMessageId").asString())
                    && record.value().path("sender").path("userId").asLong() == account.userId());

            assertThat(command.key()).isEqualTo("session_1_abcdef01");
            JsonNode value = command.value();
            assertThat(value.path("type").asString()).isEqualTo("SendMessage");
            assertThat(value.path("schemaVersion").asInt()).isEqualTo(1);
            assertThat(value.path("commandId").asString()).isNotBlank();
            assertThat(value.path("sessionId").asString()).isEqualTo("session_1_abcdef01");
            assertThat(value.path("content").asString()).isEqualTo("你好");
            assertThat(value.path("messageType").asString()).isEqualTo("text");
            assertThat(value.path("issuedAt").asString()).matches(TIMESTAMP);
            assertThat(value.path("sender").path("userId").asLong()).isEqualTo(account.userId());
            assertThat(value.path("sender").path("type").asString()).isEqualTo("user");
            assertThat(value.path("sender").path("nickname").asString()).isEqualTo("发送者");
        }
    }

    @Test
    void chatMessageOnAnAdminConnectionIsSentAsTheAdmin() {
        try (TestSocket client = connect("/chat?type=admin&token=" + account.adminToken())) {
            client.send(frame("chat_message", Map.of("sessionId", "session_2_abcdef02", "content", "您好，请讲",
                    "messageType", "text", "tempMessageId", "temp_admin_1")));

            var command = commands.awaitRecord(record ->
                    "temp_admin_1".equals(record.value().path("tempMessageId").asString())
                            && record.value().path("sender").path("userId").asLong() == account.userId());

            assertThat(command.key()).isEqualTo("session_2_abcdef02");
            assertThat(command.value().path("sender").path("type").asString()).isEqualTo("admin");
        }
    }

    @Test
    void aUserWithoutSessionIdWritesIntoTheOpenSessionSessionServiceNamesAskedOnce() {
        String token = account.userToken();
        try (TestSocket client = connect("/ws?token=" + token)) {
            client.send(frame("send_message", Map.of("content", "first", "tempMessageId", "temp_a")));
            client.send(frame("send_message", Map.of("content", "second", "tempMessageId", "temp_b")));

            String expectedSession = SessionServiceStub.sessionIdOf(account.userId());
            var first = commands.awaitRecord(record -> isFrom(record, "temp_a"));
            var second = commands.awaitRecord(record -> isFrom(record, "temp_b"));

            assertThat(first.key()).isEqualTo(expectedSession);
            assertThat(second.key()).isEqualTo(expectedSession);
            assertThat(second.value().path("messageType").asString()).isEqualTo("text");
            assertThat(SessionServiceStub.shared().callsFor(account.userId()))
                    .singleElement()
                    .satisfies(call -> assertThat(call.authorization()).isEqualTo("Bearer " + token));
        }
    }

    @Test
    void anAdminWithoutSessionIdIsAnsweredWithError4000() {
        try (TestSocket client = connect("/ws?token=" + account.adminToken())) {
            client.send(frame("send_message", Map.of("content", "hello", "tempMessageId", "temp_lost"), "req-1"));

            JsonNode error = client.awaitFrame("error");
            assertThat(error.path("requestId").asString()).isEqualTo("req-1");
            assertThat(error.path("data").path("code").asInt()).isEqualTo(4000);
            assertThat(error.path("data").path("msg").asString()).contains("sessionId");
            assertThat(error.path("data").path("requestType").asString()).isEqualTo("send_message");
            assertThat(error.path("data").path("tempMessageId").asString()).isEqualTo("temp_lost");
        }
    }

    @Test
    void blankContentAndClientSystemMessagesAreAnsweredWithError4000() {
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.send(frame("send_message", Map.of("sessionId", "session_3_abcdef03", "content", "  ",
                    "tempMessageId", "temp_blank")));
            client.send(frame("send_message", Map.of("sessionId", "session_3_abcdef03", "content", "hi",
                    "messageType", "system", "tempMessageId", "temp_system")));
            client.send(frame("send_message", Map.of("sessionId", "session_3_abcdef03", "content",
                    Map.of("nested", true), "tempMessageId", "temp_object")));

            assertThat(client.awaitFrame("error", "tempMessageId", "temp_blank").path("data").path("code").asInt())
                    .isEqualTo(4000);
            assertThat(client.awaitFrame("error", "tempMessageId", "temp_system").path("data").path("msg").asString())
                    .contains("messageType");
            JsonNode unreadable = client.awaitFrame(frame -> "error".equals(frame.path("type").asString())
                    && frame.path("data").path("msg").asString().startsWith("data must be"));
            assertThat(unreadable.path("data").path("code").asInt()).isEqualTo(4000);
        }
    }

    @Test
    void markReadBecomesACommandForAllMessagesOrTheNamedOnes() {
        try (TestSocket client = connect("/chat?type=admin&token=" + account.adminToken())) {
            client.send(frame("mark_read", Map.of("sessionId", "session_4_abcdef04", "allMessages", true)));
            client.send(frame("mark_read", Map.of("sessionId", "session_5_abcdef05",
                    "messageIds", List.of("msg_1_aaaaaaaa", "msg_2_bbbbbbbb"))));

            var all = commands.awaitRecord(record -> isMarkReadOf(record, "session_4_abcdef04"));
            var some = commands.awaitRecord(record -> isMarkReadOf(record, "session_5_abcdef05"));

            assertThat(all.key()).isEqualTo("session_4_abcdef04");
            assertThat(all.value().path("allMessages").asBoolean()).isTrue();
            assertThat(all.value().path("sender").path("type").asString()).isEqualTo("admin");
            assertThat(some.value().path("allMessages").asBoolean()).isFalse();
            assertThat(some.value().path("messageIds").valueStream().map(JsonNode::asString))
                    .containsExactly("msg_1_aaaaaaaa", "msg_2_bbbbbbbb");
        }
    }

    @Test
    void markReadWithoutSessionOrWithoutWhatToMarkIsAnsweredWithError4000() {
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.send(frame("mark_read", Map.of("allMessages", true), "no-session"));
            client.send(frame("mark_read", Map.of("sessionId", "session_6_abcdef06"), "nothing"));

            for (String requestId : new String[] {"no-session", "nothing"}) {
                JsonNode error = client.awaitFrame(frame -> "error".equals(frame.path("type").asString())
                        && requestId.equals(frame.path("requestId").asString()));
                assertThat(error.path("data").path("code").asInt()).isEqualTo(4000);
                assertThat(error.path("data").path("requestType").asString()).isEqualTo("mark_read");
            }
        }
    }

    @Test
    void aSendMessageWithAnInvalidRequestIdIsRefusedWith4000AndNotSent() {
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.send(Kafka.JSON.writeValueAsString(Map.of("type", "send_message", "requestId", List.of("r", 1),
                    "data", Map.of("sessionId", "session_7_abcdef07", "content", "hi", "tempMessageId", "temp_bad"))));
            client.send(frame("send_message", Map.of("sessionId", "session_7_abcdef07", "content", "hi",
                    "tempMessageId", "temp_good")));

            JsonNode error = client.awaitFrame("error").path("data");
            assertThat(error.path("code").asInt()).isEqualTo(4000);
            assertThat(error.path("requestType").asString()).isEqualTo("send_message");
            // One session, one partition: once the later command is there, the refused one would be before it.
            commands.awaitRecord(record -> isFrom(record, "temp_good"));
            assertThat(commands.received()).noneMatch(record -> isFrom(record, "temp_bad"));
        }
    }

    @Test
    void aTempMessageIdOver100CharactersIsRefusedWith4000WithoutEchoingItAndNotSent() {
        String tooLong = "t".repeat(101);
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.send(frame("send_message", Map.of("sessionId", "session_8_abcdef08", "content", "hi",
                    "tempMessageId", tooLong), "long-temp"));
            client.send(frame("send_message", Map.of("sessionId", "session_8_abcdef08", "content", "hi",
                    "tempMessageId", "temp_fine")));

            JsonNode error = client.awaitFrame("error");
            assertThat(error.path("requestId").asString()).isEqualTo("long-temp");
            assertThat(error.path("data").path("code").asInt()).isEqualTo(4000);
            assertThat(error.path("data").path("msg").asString()).contains("tempMessageId");
            assertThat(error.path("data").has("tempMessageId")).isFalse();
            commands.awaitRecord(record -> isFrom(record, "temp_fine"));
            assertThat(commands.received()).noneMatch(record -> isFrom(record, tooLong));
        }
    }

    private boolean isMarkReadOf(ConsumerRecord<String, JsonNode> record, String sessionId) {
        return "MarkMessagesRead".equals(record.value().path("type").asString())
                && sessionId.equals(record.value().path("sessionId").asString())
                && record.value().path("sender").path("userId").asLong() == account.userId();
    }

    private boolean isFrom(ConsumerRecord<String, JsonNode> record, String tempMessageId) {
        return tempMessageId.equals(record.value().path("tempMessageId").asString())
                && record.value().path("sender").path("userId").asLong() == account.userId();
    }

    private static String frame(String type, Map<String, ?> data) {
        return Kafka.JSON.writeValueAsString(Map.of("type", type, "data", data));
    }

    private static String frame(String type, Map<String, ?> data, String requestId) {
        return Kafka.JSON.writeValueAsString(Map.of("type", type, "data", data, "requestId", requestId));
    }
}
