package com.loyalty.chat.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import com.loyalty.chat.realtime.support.Events;
import com.loyalty.chat.realtime.support.Kafka;
import com.loyalty.chat.realtime.support.MessageServiceStub;
import com.loyalty.chat.realtime.support.SessionServiceStub;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

/**
 * "Delivered" means the client said it has the message ({@code ack}), not that the node's socket took the bytes: a
 * user and an admin on this node, message-service played by its stub, the commands topic watched.
 */
class AcknowledgementTest extends NodeTest {

    private final TestAccount user = TestAccount.next("确认者");
    private final TestAccount admin = TestAccount.next("确认客服");
    private final String sessionId = Events.newSessionId();
    private final MessageServiceStub messageService = MessageServiceStub.shared();
    private TopicReader<JsonNode> commands;

    @BeforeEach
    void registerSessionAndTailCommands() {
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        commands = Kafka.tail(Topics.MESSAGE_COMMANDS);
    }

    @AfterEach
    void closeTail() {
        commands.close();
    }

    @Test
    void anAckReceiptsEveryMessageUpToItsSequenceAsDeliveredToTheAcknowledgingSide() {
        try (TestSocket userClient = greeted(connect("/ws?token=" + user.userToken()));
             TestSocket adminClient = greeted(connect("/ws?token=" + admin.adminToken()))) {
            String first = reply(adminClient, userClient, "第一条", "temp_a1").path("messageId").asString();
            JsonNode second = reply(adminClient, userClient, "第二条", "temp_a2");

            userClient.send("ack", Map.of("sessionId", sessionId, "sequence", second.path("sequence").asLong()),
                    "ack-1");

            var receipt = commands.awaitRecord(record -> isReceiptOf(record, second.path("messageId").asString()));
            assertThat(receipt.value().path("sender").path("userId").asLong()).isEqualTo(user.userId());
            assertThat(receipt.value().path("sender").path("type").asString()).isEqualTo("user");
            await().until(() -> messageService.statusOf(first).equals("delivered"));
            assertThat(userClient.framesOfType("error")).isEmpty();
        }
    }

    @Test
    void aMessageTheSocketTookButTheClientNeverAcknowledgedIsNotReceipted() {
        try (TestSocket userClient = greeted(connect("/ws?token=" + user.userToken()));
             TestSocket adminClient = greeted(connect("/ws?token=" + admin.adminToken()))) {
            String unacknowledged = reply(adminClient, userClient, "收到了吗", "temp_n1").path("messageId").asString();
            // Frames leave in order: once the pong is out, the socket has taken the reply.
            userClient.send("ping", Map.of(), "after-reply");
            userClient.awaitFrame(frame -> "after-reply".equals(frame.path("requestId").asString()));

            // Receipts for one session share its partition, and two acknowledged rounds span a receipt flush: any
            // receipt for the unacknowledged reply would be on the topic before the second round's.
            for (String round : List.of("temp_u1", "temp_u2")) {
                userClient.send("send_message", Map.of("sessionId", sessionId, "content", round,
                        "tempMessageId", round));
                String question = messageService.awaitStored(user.userId(), round).messageId();
                JsonNode pushed = adminClient.awaitFrame("new_message", "messageId", question).path("data");
                adminClient.send("ack", Map.of("sessionId", sessionId, "sequence", pushed.path("sequence").asLong()));
                commands.awaitRecord(record -> isReceiptOf(record, question));
            }

            assertThat(commands.received()).noneMatch(record -> isReceiptOf(record, unacknowledged));
            assertThat(messageService.statusOf(unacknowledged)).isEqualTo("sent");
        }
    }

    @Test
    void anAckWithoutSessionIdOrWithoutAPositiveWholeSequenceIsAnsweredWithError4000() {
        try (TestSocket userClient = greeted(connect("/ws?token=" + user.userToken()))) {
            userClient.send("ack", Map.of("sequence", 3), "no-session");
            userClient.send("ack", Map.of("sessionId", sessionId), "no-sequence");
            userClient.send("ack", Map.of("sessionId", sessionId, "sequence", "3"), "text-sequence");
            userClient.send("ack", Map.of("sessionId", sessionId, "sequence", 0), "zero-sequence");
            userClient.send("ack", Map.of("sessionId", sessionId, "sequence", 1.5), "fraction-sequence");

            for (String requestId : List.of("no-session", "no-sequence", "text-sequence", "zero-sequence",
                    "fraction-sequence")) {
                JsonNode error = userClient.awaitFrame(frame -> requestId.equals(frame.path("requestId").asString()));
                assertThat(error.path("type").asString()).isEqualTo("error");
                assertThat(error.path("data").path("code").asInt()).isEqualTo(4000);
                assertThat(error.path("data").path("requestType").asString()).isEqualTo("ack");
            }
        }
    }

    /** The admin replies and the user receives it; the reply's {@code new_message} data. */
    private JsonNode reply(TestSocket adminClient, TestSocket userClient, String content, String tempMessageId) {
        adminClient.send("chat_message", Map.of("sessionId", sessionId, "content", content,
                "tempMessageId", tempMessageId));
        String messageId = messageService.awaitStored(admin.userId(), tempMessageId).messageId();
        return userClient.awaitFrame("new_message", "messageId", messageId).path("data");
    }

    private static boolean isReceiptOf(ConsumerRecord<String, JsonNode> record, String messageId) {
        return "MarkMessagesDelivered".equals(record.value().path("type").asString())
                && record.value().path("messageIds").valueStream().anyMatch(id -> messageId.equals(id.asString()));
    }

    private static TestSocket greeted(TestSocket client) {
        client.awaitFrame("offline_messages");
        return client;
    }
}
