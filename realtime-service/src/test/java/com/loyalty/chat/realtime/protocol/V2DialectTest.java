package com.loyalty.chat.realtime.protocol;

import static com.loyalty.chat.realtime.protocol.DialectFrames.ADMIN;
import static com.loyalty.chat.realtime.protocol.DialectFrames.CLOCK;
import static com.loyalty.chat.realtime.protocol.DialectFrames.NOW;
import static com.loyalty.chat.realtime.protocol.DialectFrames.OCCURRED;
import static com.loyalty.chat.realtime.protocol.DialectFrames.SESSION;
import static com.loyalty.chat.realtime.protocol.DialectFrames.adminMessage;
import static com.loyalty.chat.realtime.protocol.DialectFrames.claimed;
import static com.loyalty.chat.realtime.protocol.DialectFrames.time;
import static com.loyalty.chat.realtime.protocol.DialectFrames.userMessage;
import static com.loyalty.chat.realtime.protocol.DialectFrames.written;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.RealtimeSignal.TypingChanged;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.UserProfile;

import tools.jackson.databind.JsonNode;

class V2DialectTest {

    private final V2Dialect dialect = new V2Dialect(CLOCK);

    @Test
    void isServedAtWs() {
        assertThat(dialect.path()).isEqualTo("/ws");
    }

    @Test
    void aFrameCarriesTheClocksTimeAndItsOwnMessageId() {
        JsonNode frame = written(dialect.pong(null));

        assertThat(frame.path("timestamp")).isEqualTo(time(NOW));
        assertThat(frame.path("messageId").asString()).startsWith("msg_" + NOW.toEpochMilli() + "_");
    }

    @Test
    void twoFramesHaveDifferentMessageIds() {
        assertThat(written(dialect.pong(null)).path("messageId"))
                .isNotEqualTo(written(dialect.pong(null)).path("messageId"));
    }

    @Test
    void anAnswerEchoesTheRequestId() {
        assertThat(written(dialect.heartbeatAck("r1")).path("requestId").asString()).isEqualTo("r1");
    }

    @Test
    void aFrameWithoutRequestIdLeavesTheFieldOut() {
        assertThat(written(dialect.heartbeatAck(null)).has("requestId")).isFalse();
    }

    @Test
    void heartbeatAckAndPongCarryTheServerTime() {
        JsonNode ack = written(dialect.heartbeatAck(null));
        JsonNode pong = written(dialect.pong(null));

        assertThat(ack.path("type").asString()).isEqualTo("heartbeat_ack");
        assertThat(ack.path("data").path("serverTime")).isEqualTo(time(NOW));
        assertThat(pong.path("type").asString()).isEqualTo("pong");
        assertThat(pong.path("data").path("serverTime")).isEqualTo(time(NOW));
    }

    @Test
    void connectionEstablishedGivesTheHeartbeatIntervalInMilliseconds() {
        JsonNode data = written(dialect.connectionEstablished("c1", 7, true, "node-a", Duration.ofSeconds(90)))
                .path("data");

        assertThat(data.path("connectionId").asString()).isEqualTo("c1");
        assertThat(data.path("userId").asLong()).isEqualTo(7);
        assertThat(data.path("isAdmin").asBoolean()).isTrue();
        assertThat(data.path("nodeId").asString()).isEqualTo("node-a");
        assertThat(data.path("heartbeatInterval").asLong()).isEqualTo(90_000);
        assertThat(data.path("serverTime")).isEqualTo(time(NOW));
    }

    @Test
    void anErrorNamesTheRequestTypeAndTheTempMessageId() {
        JsonNode frame = written(dialect.error(4013, "too long", "send_message", "t1", "r1"));

        assertThat(frame.path("type").asString()).isEqualTo("error");
        assertThat(frame.path("data").path("code").asInt()).isEqualTo(4013);
        assertThat(frame.path("data").path("msg").asString()).isEqualTo("too long");
        assertThat(frame.path("data").path("requestType").asString()).isEqualTo("send_message");
        assertThat(frame.path("data").path("tempMessageId").asString()).isEqualTo("t1");
    }

    @Test
    void anErrorWithoutTempMessageIdLeavesItOutButKeepsANullRequestType() {
        JsonNode data = written(dialect.error(4000, "bad", null, null, null)).path("data");

        assertThat(data.has("tempMessageId")).isFalse();
        assertThat(data.has("requestType")).isTrue();
        assertThat(data.path("requestType").isNull()).isTrue();
    }

    @Test
    void messageSentTellsTheSenderTheStoredIdsWithStatusSent() {
        JsonNode frame = written(dialect.messageSent(userMessage(), "r1"));

        assertThat(frame.path("type").asString()).isEqualTo("message_sent");
        assertThat(frame.path("requestId").asString()).isEqualTo("r1");
        JsonNode data = frame.path("data");
        assertThat(data.path("tempMessageId").asString()).isEqualTo("t1");
        assertThat(data.path("messageId").asString()).isEqualTo("msg_1_abcd");
        assertThat(data.path("sessionId").asString()).isEqualTo(SESSION);
        assertThat(data.path("status").asString()).isEqualTo("sent");
        assertThat(data.path("createdAt")).isEqualTo(time(OCCURRED));
        assertThat(data.path("sequence").asLong()).isEqualTo(12);
    }

    @Test
    void aRejectedMessageIsAnErrorOnSendMessageWithTheRefusalsCode() {
        MessageEvent.MessageRejected rejected = new MessageEvent.MessageRejected(MessageEvent.SCHEMA_VERSION, "e1",
                SESSION, OCCURRED, "c1", 7, SenderType.USER, "t1", 4009, "session closed");

        JsonNode frame = written(dialect.messageRejected(rejected, "r1"));

        assertThat(frame.path("type").asString()).isEqualTo("error");
        assertThat(frame.path("requestId").asString()).isEqualTo("r1");
        assertThat(frame.path("data").path("code").asInt()).isEqualTo(4009);
        assertThat(frame.path("data").path("msg").asString()).isEqualTo("session closed");
        assertThat(frame.path("data").path("requestType").asString()).isEqualTo("send_message");
        assertThat(frame.path("data").path("tempMessageId").asString()).isEqualTo("t1");
    }

    @Test
    void aUsersMessageReachesAnAdminAsNewMessage() {
        JsonNode frame = written(dialect.newMessage(userMessage(), SenderType.ADMIN));

        assertThat(frame.path("type").asString()).isEqualTo("new_message");
        JsonNode data = frame.path("data");
        assertThat(data.path("sessionId").asString()).isEqualTo(SESSION);
        assertThat(data.path("messageId").asString()).isEqualTo("msg_1_abcd");
        assertThat(data.path("senderId").asLong()).isEqualTo(7);
        assertThat(data.path("senderType").asString()).isEqualTo("user");
        assertThat(data.path("content").asString()).isEqualTo("你好");
        assertThat(data.path("messageType").asString()).isEqualTo("text");
        assertThat(data.path("tempMessageId").asString()).isEqualTo("t1");
        assertThat(data.path("createdAt")).isEqualTo(time(OCCURRED));
        assertThat(data.path("sequence").asLong()).isEqualTo(12);
    }

    @Test
    void newMessageNamesTheSenderWithTheirProfile() {
        JsonNode sender = written(dialect.newMessage(userMessage(), SenderType.ADMIN)).path("data").path("sender");

        assertThat(sender.path("userId").asLong()).isEqualTo(7);
        assertThat(sender.path("nickname").asString()).isEqualTo("用户");
        assertThat(sender.path("avatar").asString()).isEqualTo("u.png");
        assertThat(sender.path("isAdmin").asBoolean()).isFalse();
    }

    @Test
    void newMessageMarksAnAdminSenderAsAdmin() {
        JsonNode sender = written(dialect.newMessage(adminMessage(), SenderType.USER)).path("data").path("sender");

        assertThat(sender.path("isAdmin").asBoolean()).isTrue();
    }

    @Test
    void aMessageWithoutAttachmentsCarriesAnEmptyList() {
        JsonNode attachments = written(dialect.newMessage(userMessage(), SenderType.ADMIN)).path("data")
                .path("attachments");

        assertThat(attachments.isArray()).isTrue();
        assertThat(attachments.isEmpty()).isTrue();
    }

    @Test
    void newMessageHasTheSameShapeForAUserAndForAnAdmin() {
        JsonNode toAdmin = written(dialect.newMessage(userMessage(), SenderType.ADMIN));
        JsonNode toUser = written(dialect.newMessage(userMessage(), SenderType.USER));

        assertThat(toUser.path("type")).isEqualTo(toAdmin.path("type"));
        assertThat(toUser.path("data")).isEqualTo(toAdmin.path("data"));
    }

    @Test
    void newSessionCarriesTheUsersProfile() {
        UserProfile user = new UserProfile(7, "用户", "u.png", "13800000007");
        JsonNode frame = written(dialect.newSession(new SessionEvent.SessionOpened(SessionEvent.SCHEMA_VERSION, "e1",
                SESSION, 1, OCCURRED, user, "mobile", 3)));

        assertThat(frame.path("type").asString()).isEqualTo("new_session");
        JsonNode data = frame.path("data");
        assertThat(data.path("sessionId").asString()).isEqualTo(SESSION);
        assertThat(data.path("userId").asLong()).isEqualTo(7);
        assertThat(data.path("userInfo").path("userId").asLong()).isEqualTo(7);
        assertThat(data.path("userInfo").path("nickname").asString()).isEqualTo("用户");
        assertThat(data.path("userInfo").path("avatar").asString()).isEqualTo("u.png");
        assertThat(data.path("userInfo").path("mobile").asString()).isEqualTo("13800000007");
        assertThat(data.path("priority").asInt()).isEqualTo(3);
        assertThat(data.path("source").asString()).isEqualTo("mobile");
        assertThat(data.path("createdAt")).isEqualTo(time(OCCURRED));
    }

    @Test
    void sessionStatusCarriesTheNewAndOldStatusAndTheAdmin() {
        JsonNode frame = written(dialect.sessionStatus(claimed(ADMIN)));

        assertThat(frame.path("type").asString()).isEqualTo("session_status");
        JsonNode data = frame.path("data");
        assertThat(data.path("sessionId").asString()).isEqualTo(SESSION);
        assertThat(data.path("status").asString()).isEqualTo("assigned");
        assertThat(data.path("oldStatus").asString()).isEqualTo("waiting");
        assertThat(data.path("adminInfo").path("adminId").asLong()).isEqualTo(31);
        assertThat(data.path("adminInfo").path("name").asString()).isEqualTo("管理员");
        assertThat(data.path("adminInfo").path("avatar").asString()).isEqualTo("a.png");
    }

    @Test
    void sessionStatusWithoutAnAdminHasANullAdminInfo() {
        JsonNode data = written(dialect.sessionStatus(claimed(null))).path("data");

        assertThat(data.has("adminInfo")).isTrue();
        assertThat(data.path("adminInfo").isNull()).isTrue();
    }

    @Test
    void messagesReadSaysWhoReadWhichMessagesWhen() {
        JsonNode frame = written(dialect.messagesRead(new MessageEvent.MessagesRead(MessageEvent.SCHEMA_VERSION,
                "e1", SESSION, OCCURRED, 31, SenderType.ADMIN, List.of("m1", "m2"), 7, 31L)));

        assertThat(frame.path("type").asString()).isEqualTo("messages_read");
        JsonNode data = frame.path("data");
        assertThat(data.path("sessionId").asString()).isEqualTo(SESSION);
        assertThat(data.path("readerId").asLong()).isEqualTo(31);
        assertThat(data.path("readerType").asString()).isEqualTo("admin");
        assertThat(data.path("messageIds").valueStream().map(JsonNode::asString)).containsExactly("m1", "m2");
        assertThat(data.path("readAt")).isEqualTo(time(OCCURRED));
    }

    @Test
    void userTypingSaysWhoTypesAndWhetherTheyStarted() {
        JsonNode frame = written(dialect.userTyping(new TypingChanged(1, SESSION, OCCURRED, 7, SenderType.USER, true, 7, 31L)));

        assertThat(frame.path("type").asString()).isEqualTo("user_typing");
        JsonNode data = frame.path("data");
        assertThat(data.path("sessionId").asString()).isEqualTo(SESSION);
        assertThat(data.path("userId").asLong()).isEqualTo(7);
        assertThat(data.path("typing").asBoolean()).isTrue();
        assertThat(data.path("senderType").asString()).isEqualTo("user");
        assertThat(data.path("timestamp")).isEqualTo(time(OCCURRED));
    }

    @Test
    void offlineMessagesSaysWhichPartOfHowManyItIs() {
        JsonNode data = written(dialect.offlineMessages(List.of(), true, 2, 3)).path("data");

        assertThat(data.path("messages").isArray()).isTrue();
        assertThat(data.path("hasMore").asBoolean()).isTrue();
        assertThat(data.path("part").asInt()).isEqualTo(2);
        assertThat(data.path("parts").asInt()).isEqualTo(3);
    }

    @Test
    void syncMessagesAnswersForItsSessionAndEchoesTheRequestId() {
        JsonNode frame = written(dialect.syncMessages(SESSION, List.of(), false, "r1"));

        assertThat(frame.path("type").asString()).isEqualTo("sync_messages");
        assertThat(frame.path("requestId").asString()).isEqualTo("r1");
        assertThat(frame.path("data").path("sessionId").asString()).isEqualTo(SESSION);
        assertThat(frame.path("data").path("hasMore").asBoolean()).isFalse();
    }
}
