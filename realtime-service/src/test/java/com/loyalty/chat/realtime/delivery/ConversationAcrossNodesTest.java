package com.loyalty.chat.realtime.delivery;

import static com.loyalty.chat.realtime.support.ContractFormats.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.realtime.TwoNodeTest;
import com.loyalty.chat.realtime.support.Events;
import com.loyalty.chat.realtime.support.MessageServiceStub;
import com.loyalty.chat.realtime.support.SessionServiceStub;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

/**
 * A user on node A and an admin on node B talk through every frame of the protocol, in both dialects: the test plays
 * session-service with events and stubs, message-service with {@link MessageServiceStub}.
 */
class ConversationAcrossNodesTest extends TwoNodeTest {

    /** How each endpoint connects a user and an admin, and what it calls the frames that differ. */
    enum Dialect {
        V2("/ws?token=", "/ws?token=", "new_message", "session_status"),
        CHAT("/chat?token=", "/chat?type=admin&token=", "new_user_message", "session_status_changed");

        final String userPath;
        final String adminPath;
        final String userMessageToAdmin;
        final String statusChange;

        Dialect(String userPath, String adminPath, String userMessageToAdmin, String statusChange) {
            this.userPath = userPath;
            this.adminPath = adminPath;
            this.userMessageToAdmin = userMessageToAdmin;
            this.statusChange = statusChange;
        }

        /** The chat message's id in a frame carrying a user's message to an admin. */
        String messageIdIn(JsonNode frame) {
            JsonNode data = frame.path("data");
            return this == V2 ? data.path("messageId").asString() : data.path("message").path("messageId").asString();
        }

        /** The chat message's sequence in a frame carrying a user's message to an admin. */
        long sequenceIn(JsonNode frame) {
            JsonNode data = frame.path("data");
            return this == V2 ? data.path("sequence").asLong() : data.path("message").path("sequence").asLong();
        }
    }

    private final TestAccount user = TestAccount.next("小明");
    private final TestAccount admin = TestAccount.next("客服小李");
    private final String sessionId = Events.newSessionId();
    private final MessageServiceStub messageService = MessageServiceStub.shared();

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aUsersMessageIsAcknowledgedOnceStoredAndReachesTheAdminOnTheOtherNodeWhoseAckReceiptsIt(Dialect dialect) {
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        try (TestSocket userOnA = greeted(connectA(dialect.userPath + user.userToken()));
             TestSocket adminOnB = greeted(connectB(dialect.adminPath + admin.adminToken()))) {

            userOnA.send("send_message", Map.of("sessionId", sessionId, "content", "积分没到账",
                    "messageType", "text", "tempMessageId", "temp_u1"), "req-u1");

            MessageStored stored = messageService.awaitStored(user.userId(), "temp_u1");
            JsonNode sent = userOnA.awaitFrame("message_sent");
            assertThat(sent.path("requestId").asString()).isEqualTo("req-u1");
            assertThat(sent.path("data").path("messageId").asString()).isEqualTo(stored.messageId());
            assertThat(sent.path("data").path("tempMessageId").asString()).isEqualTo("temp_u1");
            assertThat(sent.path("data").path("status").asString()).isEqualTo("sent");
            JsonNode pushed = adminOnB.awaitFrame(frame -> dialect.userMessageToAdmin.equals(type(frame))
                    && stored.messageId().equals(dialect.messageIdIn(frame)));
            assertThat(pushed.has("requestId")).isFalse();
            adminOnB.send("ack", Map.of("sessionId", sessionId, "sequence", dialect.sequenceIn(pushed)));
            JsonNode receipt = awaitReceipt(stored.messageId());
            assertThat(receipt.path("sender").path("userId").asLong()).isEqualTo(admin.userId());
            assertThat(receipt.path("sender").path("type").asString()).isEqualTo("admin");
            assertThat(messageService.statusOf(stored.messageId())).isEqualTo("delivered");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anAdminsReplyReachesTheUserOnTheOtherNodeWhoseAckReceiptsIt(Dialect dialect) {
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        try (TestSocket userOnA = greeted(connectA(dialect.userPath + user.userToken()));
             TestSocket adminOnB = greeted(connectB(dialect.adminPath + admin.adminToken()))) {

            adminOnB.send("chat_message", Map.of("sessionId", sessionId, "content", "您好，请讲",
                    "messageType", "text", "tempMessageId", "temp_a1"), "req-a1");

            MessageStored stored = messageService.awaitStored(admin.userId(), "temp_a1");
            JsonNode sent = adminOnB.awaitFrame("message_sent", "messageId", stored.messageId());
            assertThat(sent.path("requestId").asString()).isEqualTo("req-a1");
            JsonNode reply = userOnA.awaitFrame("new_message", "messageId", stored.messageId()).path("data");
            assertThat(reply.path("senderType").asString()).isEqualTo("admin");
            assertThat(reply.path("sender").path("isAdmin").asBoolean()).isTrue();
            assertThat(reply.path("content").asString()).isEqualTo("您好，请讲");
            userOnA.send("ack", Map.of("sessionId", sessionId, "sequence", reply.path("sequence").asLong()));
            JsonNode receipt = awaitReceipt(stored.messageId());
            assertThat(receipt.path("sender").path("userId").asLong()).isEqualTo(user.userId());
            assertThat(receipt.path("sender").path("type").asString()).isEqualTo("user");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void typingOnOneSideReachesTheOtherSideOnTheOtherNode(Dialect dialect) {
        // Neither node has heard of the session: both ask session-service, each as its own client.
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        try (TestSocket userOnA = greeted(connectA(dialect.userPath + user.userToken()));
             TestSocket adminOnB = greeted(connectB(dialect.adminPath + admin.adminToken()))) {

            userOnA.send("typing_start", Map.of("sessionId", sessionId));
            JsonNode userTyping = adminOnB.awaitFrame("user_typing", "sessionId", sessionId).path("data");
            assertThat(userTyping.path("userId").asLong()).isEqualTo(user.userId());
            assertThat(userTyping.path("typing").asBoolean()).isTrue();
            assertThat(userTyping.path("senderType").asString()).isEqualTo("user");
            assertThat(userTyping.path("timestamp").asString()).matches(TIMESTAMP);

            adminOnB.send("typing_stop", Map.of("sessionId", sessionId));
            JsonNode adminTyping = userOnA.awaitFrame("user_typing", "sessionId", sessionId).path("data");
            assertThat(adminTyping.path("userId").asLong()).isEqualTo(admin.userId());
            assertThat(adminTyping.path("typing").asBoolean()).isFalse();
            assertThat(adminTyping.path("senderType").asString()).isEqualTo("admin");

            assertThat(userOnA.framesOfType("user_typing")).hasSize(1);
            assertThat(adminOnB.framesOfType("user_typing")).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void markReadOnOneSideReachesTheOtherSideOnTheOtherNodeAsMessagesRead(Dialect dialect) {
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        try (TestSocket userOnA = greeted(connectA(dialect.userPath + user.userToken()));
             TestSocket adminOnB = greeted(connectB(dialect.adminPath + admin.adminToken()))) {
            userOnA.send("send_message", Map.of("sessionId", sessionId, "content", "在吗", "tempMessageId", "temp_r1"));
            String question = messageService.awaitStored(user.userId(), "temp_r1").messageId();
            adminOnB.send("chat_message", Map.of("sessionId", sessionId, "content", "在", "tempMessageId", "temp_r2"));
            String answer = messageService.awaitStored(admin.userId(), "temp_r2").messageId();

            adminOnB.send("mark_read", Map.of("sessionId", sessionId, "allMessages", true));
            JsonNode readByAdmin = userOnA.awaitFrame("messages_read", "sessionId", sessionId).path("data");
            assertThat(readByAdmin.path("readerId").asLong()).isEqualTo(admin.userId());
            assertThat(readByAdmin.path("readerType").asString()).isEqualTo("admin");
            assertThat(readByAdmin.path("messageIds").valueStream().map(JsonNode::asString)).containsExactly(question);
            assertThat(readByAdmin.path("readAt").asString()).matches(TIMESTAMP);

            userOnA.send("mark_read", Map.of("sessionId", sessionId, "messageIds", List.of(answer)));
            JsonNode readByUser = adminOnB.awaitFrame("messages_read", "sessionId", sessionId).path("data");
            assertThat(readByUser.path("readerId").asLong()).isEqualTo(user.userId());
            assertThat(readByUser.path("readerType").asString()).isEqualTo("user");
            assertThat(readByUser.path("messageIds").valueStream().map(JsonNode::asString)).containsExactly(answer);
            assertThat(adminOnB.framesOfType("messages_read")).hasSize(1);
            assertThat(userOnA.framesOfType("messages_read")).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aNewSessionReachesAdminsOnTheOtherNodeAndItsUser(Dialect dialect) {
        try (TestSocket userOnA = greeted(connectA(dialect.userPath + user.userToken()));
             TestSocket adminOnB = greeted(connectB(dialect.adminPath + admin.adminToken()))) {

            Events.publish(Events.opened(sessionId, user.profile()));

            for (TestSocket client : List.of(adminOnB, userOnA)) {
                JsonNode opened = client.awaitFrame("new_session", "sessionId", sessionId).path("data");
                assertThat(opened.path("userId").asLong()).isEqualTo(user.userId());
                assertThat(opened.path("userInfo").path("nickname").asString()).isEqualTo("小明");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aStatusChangeReachesTheAdminOnTheOtherNodeAndTheUser(Dialect dialect) {
        try (TestSocket userOnA = greeted(connectA(dialect.userPath + user.userToken()));
             TestSocket adminOnB = greeted(connectB(dialect.adminPath + admin.adminToken()))) {

            Events.publish(Events.statusChanged(sessionId, user.userId(), SessionStatus.WAITING,
                    SessionStatus.ASSIGNED, admin.profile()));

            for (TestSocket client : List.of(adminOnB, userOnA)) {
                JsonNode changed = client.awaitFrame(dialect.statusChange, "sessionId", sessionId).path("data");
                assertThat(changed.path("status").asString()).isEqualTo("assigned");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRefusedMessageReachesItsSenderAsAnErrorWithTheRequestIdAndTempMessageId(Dialect dialect) {
        try (TestSocket userOnA = greeted(connectA(dialect.userPath + user.userToken()))) {
            userOnA.send("send_message", Map.of("sessionId", sessionId, "content", "迟到的消息",
                    "tempMessageId", "temp_late"), "req-late");

            // The session is not the stub's: the test answers as message-service would for a closed one.
            Events.publish(Events.rejected(sessionId, user.userId(), SenderType.USER, "temp_late", 4009, "会话已关闭"));

            JsonNode error = userOnA.awaitFrame("error", "tempMessageId", "temp_late");
            assertThat(error.path("requestId").asString()).isEqualTo("req-late");
            assertThat(error.path("data").path("code").asInt()).isEqualTo(4009);
            assertThat(error.path("data").path("requestType").asString()).isEqualTo("send_message");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRepeatedTempMessageIdIsAnsweredWithTheFirstIdAndReachesTheAdminOnce(Dialect dialect) {
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        try (TestSocket userOnA = greeted(connectA(dialect.userPath + user.userToken()));
             TestSocket adminOnB = greeted(connectB(dialect.adminPath + admin.adminToken()))) {
            Map<String, String> message = Map.of("sessionId", sessionId, "content", "重发", "tempMessageId", "temp_x");
            userOnA.send("send_message", message, "first");
            String messageId = userOnA.awaitFrame("message_sent").path("data").path("messageId").asString();

            userOnA.send("send_message", message, "again");
            JsonNode repeated = userOnA.awaitFrame(frame -> "message_sent".equals(type(frame))
                    && "again".equals(frame.path("requestId").asString()));
            // One session, one partition: once the next message reaches the admin, a second copy would have too.
            userOnA.send("send_message", Map.of("sessionId", sessionId, "content", "下一条", "tempMessageId", "temp_y"));
            String next = messageService.awaitStored(user.userId(), "temp_y").messageId();
            adminOnB.awaitFrame(frame -> next.equals(dialect.messageIdIn(frame)));

            assertThat(repeated.path("data").path("messageId").asString()).isEqualTo(messageId);
            assertThat(adminOnB.frames()).filteredOn(frame -> messageId.equals(dialect.messageIdIn(frame))).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyConnectionOfAUserOrAdminOnEitherNodeGetsEachEvent(Dialect dialect) {
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        try (TestSocket userOnA = greeted(connectA(dialect.userPath + user.userToken()));
             TestSocket userOnB = greeted(connectB(dialect.userPath + user.userToken()));
             TestSocket adminOnA = greeted(connectA(dialect.adminPath + admin.adminToken()));
             TestSocket adminOnB = greeted(connectB(dialect.adminPath + admin.adminToken()))) {

            userOnA.send("send_message", Map.of("sessionId", sessionId, "content", "多端", "tempMessageId", "temp_m1"),
                    "req-m1");
            String question = messageService.awaitStored(user.userId(), "temp_m1").messageId();
            adminOnB.send("chat_message", Map.of("sessionId", sessionId, "content", "收到", "tempMessageId", "temp_m2"));
            String answer = messageService.awaitStored(admin.userId(), "temp_m2").messageId();

            for (TestSocket adminClient : List.of(adminOnA, adminOnB)) {
                adminClient.awaitFrame(frame -> question.equals(dialect.messageIdIn(frame)));
                adminClient.awaitFrame("message_sent", "messageId", answer);
            }
            for (TestSocket userClient : List.of(userOnA, userOnB)) {
                userClient.awaitFrame("new_message", "messageId", answer);
                userClient.awaitFrame("message_sent", "messageId", question);
            }
            assertThat(userOnA.awaitFrame("message_sent", "messageId", question).path("requestId").asString())
                    .isEqualTo("req-m1");
            assertThat(userOnB.awaitFrame("message_sent", "messageId", question).has("requestId")).isFalse();
        }
    }

    private JsonNode awaitReceipt(String messageId) {
        return await().until(() -> messageService.receiptsFor(sessionId).stream()
                        .filter(receipt -> receipt.path("messageIds").valueStream()
                                .anyMatch(id -> messageId.equals(id.asString())))
                        .findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** Once a client has its greeting, anything routed to it comes after. */
    private static TestSocket greeted(TestSocket client) {
        client.awaitFrame("offline_messages");
        return client;
    }

    private static String type(JsonNode frame) {
        return frame.path("type").asString();
    }
}
