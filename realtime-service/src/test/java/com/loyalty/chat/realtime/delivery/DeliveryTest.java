package com.loyalty.chat.realtime.delivery;

import static com.loyalty.chat.realtime.support.ContractFormats.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.realtime.TwoNodeTest;
import com.loyalty.chat.realtime.support.Events;
import com.loyalty.chat.realtime.support.Kafka;
import com.loyalty.chat.realtime.support.SessionServiceStub;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

/**
 * Two nodes: this test's context is node A, and a second application context of the same service is node B. The
 * test plays message-service and session-service on Kafka.
 */
class DeliveryTest extends TwoNodeTest {

    private final TestAccount user = TestAccount.next("小明");
    private final TestAccount admin = TestAccount.next("客服小李");
    private final String sessionId = Events.newSessionId();
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
    void aUsersMessageReachesTheSenderAsMessageSentAndTheSessionAdminOnAnotherNodeAsNewMessage() {
        try (TestSocket userOnA = connectA("/ws?token=" + user.userToken());
             TestSocket adminOnB = connectB("/ws?token=" + admin.adminToken())) {
            adminOnB.awaitFrame("connection_established");

            userOnA.send(sendMessage("send_message", sessionId, "在吗？", "temp_u1"));
            MessageStored stored = storeAsMessageService("temp_u1", user, admin.userId());

            JsonNode sent = userOnA.awaitFrame("message_sent").path("data");
            assertThat(sent.path("tempMessageId").asString()).isEqualTo("temp_u1");
            assertThat(sent.path("messageId").asString()).isEqualTo(stored.messageId());
            assertThat(sent.path("sessionId").asString()).isEqualTo(sessionId);
            assertThat(sent.path("status").asString()).isEqualTo("sent");
            assertThat(sent.path("createdAt").asString()).matches(TIMESTAMP);

            JsonNode message = adminOnB.awaitFrame("new_message", "sessionId", sessionId).path("data");
            assertThat(message.path("messageId").asString()).isEqualTo(stored.messageId());
            assertThat(message.path("senderId").asLong()).isEqualTo(user.userId());
            assertThat(message.path("senderType").asString()).isEqualTo("user");
            assertThat(message.path("content").asString()).isEqualTo("在吗？");
            assertThat(message.path("messageType").asString()).isEqualTo("text");
            assertThat(message.path("tempMessageId").asString()).isEqualTo("temp_u1");
            assertThat(message.path("createdAt").asString()).isEqualTo(sent.path("createdAt").asString());
            assertThat(message.path("attachments").isArray()).isTrue();
            assertThat(message.path("attachments").isEmpty()).isTrue();
            assertThat(message.path("sender").path("userId").asLong()).isEqualTo(user.userId());
            assertThat(message.path("sender").path("nickname").asString()).isEqualTo("小明");
            assertThat(message.path("sender").path("isAdmin").asBoolean()).isFalse();
            assertThat(message.path("sender").has("avatar")).isTrue();
        }
    }

    @Test
    void anAssignedSessionsMessageReachesOnlyItsAdmin() {
        TestAccount otherAdmin = TestAccount.next("另一位客服");
        try (TestSocket adminOnB = connectB("/ws?token=" + admin.adminToken());
             TestSocket otherAdminOnA = connectA("/ws?token=" + otherAdmin.adminToken())) {
            adminOnB.awaitFrame("connection_established");
            otherAdminOnA.awaitFrame("connection_established");

            MessageStored assigned = Events.stored(sessionId, user.userId(), SenderType.USER, "小明", "for my admin",
                    "temp_a1", user.userId(), admin.userId());
            // Same session, so same partition: once the other admin sees this one, the first has been routed too.
            MessageStored unassignedAfterwards = Events.stored(sessionId, user.userId(), SenderType.USER, "小明",
                    "for everyone", "temp_a2", user.userId(), null);
            Events.publish(assigned);
            Events.publish(unassignedAfterwards);

            adminOnB.awaitFrame("new_message", "messageId", assigned.messageId());
            otherAdminOnA.awaitFrame("new_message", "messageId", unassignedAfterwards.messageId());
            assertThat(otherAdminOnA.framesOfType("new_message"))
                    .noneSatisfy(frame -> assertThat(frame.path("data").path("messageId").asString())
                            .isEqualTo(assigned.messageId()));
        }
    }

    @Test
    void anUnassignedSessionsMessageReachesEveryAdminOnEveryNodeInTheirDialect() {
        TestAccount chatAdmin = TestAccount.next("老前端客服");
        try (TestSocket v2AdminOnA = connectA("/ws?token=" + admin.adminToken());
             TestSocket chatAdminOnB = connectB("/chat?type=admin&role=admin&token=" + chatAdmin.adminToken())) {
            v2AdminOnA.awaitFrame("connection_established");
            chatAdminOnB.awaitFrame("connection_established");

            MessageStored stored = Events.stored(sessionId, user.userId(), SenderType.USER, "小明", "有人吗",
                    "temp_u2", user.userId(), null);
            Events.publish(stored);

            v2AdminOnA.awaitFrame("new_message", "messageId", stored.messageId());
            JsonNode legacy = chatAdminOnB.awaitFrame("new_user_message", "sessionId", sessionId).path("data");
            assertThat(legacy.path("message").path("messageId").asString()).isEqualTo(stored.messageId());
            assertThat(legacy.path("message").path("senderId").asLong()).isEqualTo(user.userId());
            assertThat(legacy.path("message").path("senderType").asString()).isEqualTo("user");
            assertThat(legacy.path("message").path("content").asString()).isEqualTo("有人吗");
            assertThat(legacy.path("message").path("messageType").asString()).isEqualTo("text");
            assertThat(legacy.path("message").path("createdAt").asString()).matches(TIMESTAMP);
            assertThat(legacy.path("userInfo").path("userId").asLong()).isEqualTo(user.userId());
            assertThat(legacy.path("userInfo").path("nickname").asString()).isEqualTo("小明");
            assertThat(chatAdminOnB.framesOfType("new_message")).noneSatisfy(frame ->
                    assertThat(frame.path("data").path("sessionId").asString()).isEqualTo(sessionId));
        }
    }

    @Test
    void anAdminsReplyReachesTheAdminAsMessageSentAndTheUserOnAnotherNodeAsNewMessage() {
        try (TestSocket chatAdminOnB = connectB("/chat?type=admin&token=" + admin.adminToken());
             TestSocket userOnA = connectA("/ws?token=" + user.userToken())) {
            userOnA.awaitFrame("connection_established");

            chatAdminOnB.send(sendMessage("chat_message", sessionId, "您好，有什么可以帮您？", "temp_admin_1"));
            MessageStored stored = storeAsMessageService("temp_admin_1", admin, admin.userId());

            assertThat(chatAdminOnB.awaitFrame("message_sent").path("data").path("messageId").asString())
                    .isEqualTo(stored.messageId());
            JsonNode reply = userOnA.awaitFrame("new_message", "sessionId", sessionId).path("data");
            assertThat(reply.path("senderType").asString()).isEqualTo("admin");
            assertThat(reply.path("sender").path("isAdmin").asBoolean()).isTrue();
            assertThat(reply.path("sender").path("nickname").asString()).isEqualTo("客服小李");
        }
    }

    @Test
    void aNewSessionIsAnnouncedToEveryAdminOnEveryNode() {
        TestAccount chatAdmin = TestAccount.next("老前端客服");
        try (TestSocket v2AdminOnA = connectA("/ws?token=" + admin.adminToken());
             TestSocket chatAdminOnB = connectB("/chat?type=admin&token=" + chatAdmin.adminToken())) {
            v2AdminOnA.awaitFrame("connection_established");
            chatAdminOnB.awaitFrame("connection_established");

            Events.publish(Events.opened(sessionId, user.profile()));

            for (TestSocket admin : new TestSocket[] {v2AdminOnA, chatAdminOnB}) {
                JsonNode session = admin.awaitFrame("new_session", "sessionId", sessionId).path("data");
                assertThat(session.path("userId").asLong()).isEqualTo(user.userId());
                assertThat(session.path("userInfo").path("userId").asLong()).isEqualTo(user.userId());
                assertThat(session.path("userInfo").path("nickname").asString()).isEqualTo("小明");
                assertThat(session.path("userInfo").path("mobile").asString()).isEqualTo(user.mobile());
                assertThat(session.path("userInfo").has("avatar")).isTrue();
                assertThat(session.path("priority").asInt()).isEqualTo(1);
                assertThat(session.path("source").asString()).isEqualTo("mobile");
                assertThat(session.path("createdAt").asString()).matches(TIMESTAMP);
            }
        }
    }

    @Test
    void aStatusChangeReachesAdminsAndTheUserAsSessionStatusAndOnChatAsSessionStatusChanged() {
        TestAccount chatAdmin = TestAccount.next("老前端客服");
        try (TestSocket v2AdminOnA = connectA("/ws?token=" + chatAdmin.adminToken());
             TestSocket chatAdminOnB = connectB("/chat?type=admin&token=" + chatAdmin.adminToken());
             TestSocket userOnB = connectB("/ws?token=" + user.userToken())) {
            v2AdminOnA.awaitFrame("connection_established");
            chatAdminOnB.awaitFrame("connection_established");
            userOnB.awaitFrame("connection_established");

            Events.publish(Events.statusChanged(sessionId, user.userId(), SessionStatus.WAITING,
                    SessionStatus.ASSIGNED, admin.profile()));

            for (TestSocket v2 : new TestSocket[] {v2AdminOnA, userOnB}) {
                JsonNode status = v2.awaitFrame("session_status", "sessionId", sessionId).path("data");
                assertThat(status.path("status").asString()).isEqualTo("assigned");
                assertThat(status.path("oldStatus").asString()).isEqualTo("waiting");
                assertThat(status.path("adminInfo").path("adminId").asLong()).isEqualTo(admin.userId());
                assertThat(status.path("adminInfo").path("name").asString()).isEqualTo("客服小李");
                assertThat(status.path("adminInfo").has("avatar")).isTrue();
            }
            JsonNode legacy = chatAdminOnB.awaitFrame("session_status_changed", "sessionId", sessionId).path("data");
            assertThat(legacy.path("status").asString()).isEqualTo("assigned");
            assertThat(legacy.path("adminId").asLong()).isEqualTo(admin.userId());
            assertThat(legacy.path("timestamp").asString()).matches(TIMESTAMP);
        }
    }

    @Test
    void aRejectedMessageReachesTheSenderAsAnErrorWithItsTempMessageId() {
        try (TestSocket userOnA = connectA("/ws?token=" + user.userToken())) {
            userOnA.awaitFrame("connection_established");

            Events.publish(Events.rejected(sessionId, user.userId(), SenderType.USER, "temp_late", 4009, "会话已关闭"));

            JsonNode error = userOnA.awaitFrame("error", "tempMessageId", "temp_late").path("data");
            assertThat(error.path("code").asInt()).isEqualTo(4009);
            assertThat(error.path("msg").asString()).isEqualTo("会话已关闭");
            assertThat(error.path("requestType").asString()).isEqualTo("send_message");
        }
    }

    @Test
    void afterTheOpenSessionClosesTheUsersNextMessageAsksSessionServiceAgain() {
        try (TestSocket userOnA = connectA("/ws?token=" + user.userToken())) {
            String openSession = SessionServiceStub.sessionIdOf(user.userId());
            userOnA.send(Kafka.JSON.writeValueAsString(Map.of("type", "send_message",
                    "data", Map.of("content", "first", "tempMessageId", "temp_c1"))));
            commands.awaitRecord(record -> "temp_c1".equals(record.value().path("tempMessageId").asString())
                    && record.value().path("sender").path("userId").asLong() == user.userId());

            Events.publish(Events.statusChanged(openSession, user.userId(), SessionStatus.ACTIVE,
                    SessionStatus.CLOSED, admin.profile()));
            userOnA.awaitFrame("session_status", "sessionId", openSession);
            userOnA.send(Kafka.JSON.writeValueAsString(Map.of("type", "send_message",
                    "data", Map.of("content", "second", "tempMessageId", "temp_c2"))));
            commands.awaitRecord(record -> "temp_c2".equals(record.value().path("tempMessageId").asString())
                    && record.value().path("sender").path("userId").asLong() == user.userId());

            assertThat(SessionServiceStub.shared().callsFor(user.userId())).hasSize(2);
        }
    }

    @Test
    void everyFrameCarryingAMessageCarriesItsSequenceInTheSession() {
        TestAccount chatAdmin = TestAccount.next("老前端客服");
        try (TestSocket userOnA = connectA("/ws?token=" + user.userToken());
             TestSocket adminOnB = connectB("/ws?token=" + admin.adminToken());
             TestSocket chatAdminOnA = connectA("/chat?type=admin&token=" + chatAdmin.adminToken())) {
            adminOnB.awaitFrame("offline_messages");
            chatAdminOnA.awaitFrame("offline_messages");
            Events.publish(Events.stored(sessionId, user.userId(), SenderType.USER, "小明", "第一条", "temp_s0",
                    user.userId(), null));

            userOnA.send(sendMessage("send_message", sessionId, "第二条", "temp_s1"));
            MessageStored stored = storeAsMessageService("temp_s1", user, null);

            assertThat(stored.sequence()).isEqualTo(2);
            assertThat(userOnA.awaitFrame("message_sent", "messageId", stored.messageId())
                    .path("data").path("sequence").asLong()).isEqualTo(2);
            assertThat(adminOnB.awaitFrame("new_message", "messageId", stored.messageId())
                    .path("data").path("sequence").asLong()).isEqualTo(2);
            assertThat(chatAdminOnA.awaitFrame(frame -> "new_user_message".equals(frame.path("type").asString())
                    && stored.messageId().equals(frame.path("data").path("message").path("messageId").asString()))
                    .path("data").path("message").path("sequence").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aMessageArrivingAfterALaterOneOfItsSessionIsNotPushedSoNoClientSeesThemOutOfOrder() {
        try (TestSocket userOnA = connectA("/ws?token=" + user.userToken())) {
            userOnA.awaitFrame("offline_messages");
            MessageStored second = Events.stored(sessionId, 2, admin.userId(), SenderType.ADMIN, "客服小李", "二",
                    "temp_o2", user.userId(), admin.userId());
            MessageStored lateFirst = Events.stored(sessionId, 1, admin.userId(), SenderType.ADMIN, "客服小李", "一",
                    "temp_o1", user.userId(), admin.userId());
            MessageStored third = Events.stored(sessionId, 3, admin.userId(), SenderType.ADMIN, "客服小李", "三",
                    "temp_o3", user.userId(), admin.userId());

            Events.publish(second);
            Events.publish(lateFirst);
            Events.publish(third);

            // One session, one partition: once the third is there, the late first would have been before it.
            userOnA.awaitFrame("new_message", "messageId", third.messageId());
            assertThat(userOnA.framesOfType("new_message"))
                    .extracting(frame -> frame.path("data").path("messageId").asString())
                    .containsExactly(second.messageId(), third.messageId());
        }
    }

    /** What message-service does with a command: store it and say so, for the session's user and admin. */
    private MessageStored storeAsMessageService(String tempMessageId, TestAccount sender, Long sessionAdminId) {
        var command = commands.awaitRecord(record ->
                tempMessageId.equals(record.value().path("tempMessageId").asString())
                        && record.value().path("sender").path("userId").asLong() == sender.userId());
        JsonNode value = command.value();
        MessageStored stored = Events.stored(value.path("sessionId").asString(), sender.userId(),
                SenderType.valueOf(value.path("sender").path("type").asString().toUpperCase()),
                value.path("sender").path("nickname").asString(), value.path("content").asString(), tempMessageId,
                user.userId(), sessionAdminId);
        Events.publish(stored);
        return stored;
    }

    private static String sendMessage(String type, String sessionId, String content, String tempMessageId) {
        return Kafka.JSON.writeValueAsString(Map.of("type", type, "data", Map.of("sessionId", sessionId,
                "content", content, "messageType", "text", "tempMessageId", tempMessageId)));
    }
}
