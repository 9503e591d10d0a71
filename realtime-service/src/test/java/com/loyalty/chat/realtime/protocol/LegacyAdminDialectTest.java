package com.loyalty.chat.realtime.protocol;

import static com.loyalty.chat.realtime.protocol.DialectFrames.ADMIN;
import static com.loyalty.chat.realtime.protocol.DialectFrames.CLOCK;
import static com.loyalty.chat.realtime.protocol.DialectFrames.OCCURRED;
import static com.loyalty.chat.realtime.protocol.DialectFrames.SESSION;
import static com.loyalty.chat.realtime.protocol.DialectFrames.adminMessage;
import static com.loyalty.chat.realtime.protocol.DialectFrames.claimed;
import static com.loyalty.chat.realtime.protocol.DialectFrames.fieldNames;
import static com.loyalty.chat.realtime.protocol.DialectFrames.time;
import static com.loyalty.chat.realtime.protocol.DialectFrames.userMessage;
import static com.loyalty.chat.realtime.protocol.DialectFrames.written;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.contracts.events.SenderType;

import tools.jackson.databind.JsonNode;

/** Where {@code /chat} differs from {@code /ws}, and that it does not differ elsewhere. */
class LegacyAdminDialectTest {

    private final LegacyAdminDialect legacy = new LegacyAdminDialect(CLOCK);
    private final V2Dialect v2 = new V2Dialect(CLOCK);

    @Test
    void isServedAtChat() {
        assertThat(legacy.path()).isEqualTo("/chat");
    }

    @Test
    void aUsersMessageReachesAnAdminAsNewUserMessage() {
        JsonNode frame = written(legacy.newMessage(userMessage(), SenderType.ADMIN));

        assertThat(frame.path("type").asString()).isEqualTo("new_user_message");
        assertThat(fieldNames(frame.path("data"))).containsExactlyInAnyOrder("sessionId", "message", "userInfo");
        assertThat(frame.path("data").path("sessionId").asString()).isEqualTo(SESSION);
    }

    @Test
    void newUserMessageNestsTheMessageWithItsSequence() {
        JsonNode message = written(legacy.newMessage(userMessage(), SenderType.ADMIN)).path("data").path("message");

        assertThat(fieldNames(message)).containsExactlyInAnyOrder("messageId", "senderId", "senderType", "content",
                "messageType", "createdAt", "sequence");
        assertThat(message.path("messageId").asString()).isEqualTo("msg_1_abcd");
        assertThat(message.path("senderId").asLong()).isEqualTo(7);
        assertThat(message.path("senderType").asString()).isEqualTo("user");
        assertThat(message.path("content").asString()).isEqualTo("你好");
        assertThat(message.path("messageType").asString()).isEqualTo("text");
        assertThat(message.path("createdAt")).isEqualTo(time(OCCURRED));
        assertThat(message.path("sequence").asLong()).isEqualTo(12);
    }

    @Test
    void newUserMessageNamesTheUserByIdAndNicknameOnly() {
        JsonNode userInfo = written(legacy.newMessage(userMessage(), SenderType.ADMIN)).path("data").path("userInfo");

        assertThat(fieldNames(userInfo)).containsExactlyInAnyOrder("userId", "nickname");
        assertThat(userInfo.path("userId").asLong()).isEqualTo(7);
        assertThat(userInfo.path("nickname").asString()).isEqualTo("用户");
    }

    @Test
    void aUsersMessageReachesTheUserAsV2sNewMessage() {
        JsonNode frame = written(legacy.newMessage(userMessage(), SenderType.USER));

        assertThat(frame.path("type").asString()).isEqualTo("new_message");
        assertThat(frame.path("data")).isEqualTo(written(v2.newMessage(userMessage(), SenderType.USER)).path("data"));
    }

    @Test
    void anAdminsMessageReachesAnAdminAsV2sNewMessage() {
        JsonNode frame = written(legacy.newMessage(adminMessage(), SenderType.ADMIN));

        assertThat(frame.path("type").asString()).isEqualTo("new_message");
        assertThat(frame.path("data"))
                .isEqualTo(written(v2.newMessage(adminMessage(), SenderType.ADMIN)).path("data"));
    }

    @Test
    void aStatusChangeTravelsAsSessionStatusChangedWithTheAdminsId() {
        JsonNode frame = written(legacy.sessionStatus(claimed(ADMIN)));

        assertThat(frame.path("type").asString()).isEqualTo("session_status_changed");
        JsonNode data = frame.path("data");
        assertThat(fieldNames(data)).containsExactlyInAnyOrder("sessionId", "status", "adminId", "timestamp");
        assertThat(data.path("sessionId").asString()).isEqualTo(SESSION);
        assertThat(data.path("status").asString()).isEqualTo("assigned");
        assertThat(data.path("adminId").asLong()).isEqualTo(31);
    }

    @Test
    void sessionStatusChangedIsTimedWhenTheChangeHappenedNotWhenItIsSent() {
        JsonNode data = written(legacy.sessionStatus(claimed(ADMIN))).path("data");

        assertThat(data.path("timestamp")).isEqualTo(time(OCCURRED));
    }

    @Test
    void sessionStatusChangedWithoutAnAdminHasANullAdminId() {
        JsonNode data = written(legacy.sessionStatus(claimed(null))).path("data");

        assertThat(data.has("adminId")).isTrue();
        assertThat(data.path("adminId").isNull()).isTrue();
    }

    @Test
    void messageSentIsV2s() {
        JsonNode legacyFrame = written(legacy.messageSent(userMessage(), "r1"));
        JsonNode v2Frame = written(v2.messageSent(userMessage(), "r1"));

        assertThat(legacyFrame.path("type")).isEqualTo(v2Frame.path("type"));
        assertThat(legacyFrame.path("data")).isEqualTo(v2Frame.path("data"));
    }
}
