package com.loyalty.chat.session.lifecycle;

import static com.loyalty.chat.session.Fixtures.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.Fixtures;
import com.loyalty.chat.session.Fixtures.Admin;
import com.loyalty.chat.session.ServiceTest;

import tools.jackson.databind.JsonNode;

/**
 * The list's last message and counts, kept from message-service's events. Events of one session share a partition,
 * so once a later event's effect shows, every earlier one has been handled: that is how the tests know a redelivery
 * changed nothing.
 */
@ServiceTest
class SessionReadModelTest {

    @Autowired
    RestTestClient rest;

    @Autowired
    Fixtures fixtures;

    Api api;
    Admin admin;
    Api.LoggedIn user;
    String sessionId;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
        fixtures.reset();
        admin = fixtures.newAdmin(5);
        user = api.loginNewUser();
        sessionId = fixtures.openSession(user);
    }

    @Test
    void storedMessagesFillTheItemsLastMessageAndCounts() {
        fixtures.messageStored(sessionId, user.userId(), SenderType.USER, user.userId(), 1, "你好");
        MessageEvent.MessageStored reply =
                fixtures.messageStored(sessionId, user.userId(), SenderType.ADMIN, admin.id(), 2, "您好，请讲");

        JsonNode item = awaitItem(it -> assertThat(it.get("messageCount").asLong()).isEqualTo(2));
        assertThat(item.get("lastMessage").toString()).isEqualTo("{\"content\":\"您好，请讲\",\"messageType\":\"text\","
                + "\"senderId\":" + admin.id() + ",\"senderType\":\"admin\",\"createdAt\":\""
                + item.get("lastMessageTime").asString() + "\"}");
        assertThat(Instant.parse(item.get("lastMessageTime").asString())).isEqualTo(reply.occurredAt());
        assertThat(item.get("unreadCount").asLong()).as("only the user's message waits to be read").isEqualTo(1);
    }

    @Test
    void aSessionWithoutMessagesHasNoLastMessage() {
        JsonNode item = fixtures.session(sessionId, admin.token());

        assertThat(item.get("lastMessage").isNull()).isTrue();
        assertThat(item.get("lastMessageTime").isNull()).isTrue();
        assertThat(item.get("messageCount").asLong()).isZero();
        assertThat(item.get("unreadCount").asLong()).isZero();
    }

    @Test
    void aLateMessageDoesNotReplaceALaterOne() {
        fixtures.messageStored(sessionId, user.userId(), SenderType.USER, user.userId(), 2, "第二条");
        fixtures.messageStored(sessionId, user.userId(), SenderType.USER, user.userId(), 1, "第一条");

        JsonNode afterBoth = awaitItem(it -> assertThat(it.get("messageCount").asLong()).isEqualTo(2));
        assertThat(afterBoth.get("lastMessage").get("content").asString()).isEqualTo("第二条");
    }

    @Test
    void aRedeliveredMessageCountsOnce() {
        MessageEvent.MessageStored second =
                fixtures.messageStored(sessionId, user.userId(), SenderType.USER, user.userId(), 2, "第二条");
        fixtures.messageStored(sessionId, user.userId(), SenderType.USER, user.userId(), 1, "第一条");
        awaitItem(it -> assertThat(it.get("messageCount").asLong()).isEqualTo(2));

        fixtures.publishMessageEvent(second);
        fixtures.messageStored(sessionId, user.userId(), SenderType.USER, user.userId(), 3, "第三条");

        JsonNode afterThird = awaitItem(it -> assertThat(it.get("lastMessage").get("content").asString())
                .isEqualTo("第三条"));
        assertThat(afterThird.get("messageCount").asLong()).isEqualTo(3);
        assertThat(afterThird.get("unreadCount").asLong()).isEqualTo(3);
    }

    @Test
    void theAdminSidesReadingLowersUnreadOnceWhileTheUsersReadingDoesNot() {
        List<String> ids = List.of(
                fixtures.messageStored(sessionId, user.userId(), SenderType.USER, user.userId(), 1, "一").messageId(),
                fixtures.messageStored(sessionId, user.userId(), SenderType.USER, user.userId(), 2, "二").messageId(),
                fixtures.messageStored(sessionId, user.userId(), SenderType.USER, user.userId(), 3, "三").messageId());
        MessageEvent.MessagesRead adminRead = read(SenderType.ADMIN, admin.id(), ids.subList(0, 2));

        fixtures.publishMessageEvent(adminRead);
        awaitItem(it -> assertThat(it.get("unreadCount").asLong()).isEqualTo(1));
        fixtures.publishMessageEvent(adminRead);
        fixtures.publishMessageEvent(read(SenderType.USER, user.userId(), List.of("msg_1_00000001")));
        fixtures.messageStored(sessionId, user.userId(), SenderType.USER, user.userId(), 4, "四");

        JsonNode item = awaitItem(it -> assertThat(it.get("messageCount").asLong()).isEqualTo(4));
        assertThat(item.get("unreadCount").asLong()).isEqualTo(2);
    }

    @Test
    void aReadReceiptOvertakingItsMessageSettlesAtZero() {
        String messageId = "msg_" + System.currentTimeMillis() + "_0000beef";
        fixtures.publishMessageEvent(read(SenderType.ADMIN, admin.id(), List.of(messageId)));
        fixtures.publishMessageEvent(new MessageEvent.MessageStored(MessageEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(), sessionId, Instant.now(), messageId, 1, user.userId(), SenderType.USER,
                "用户", null, "早到的已读", MessageType.TEXT, null, List.of(), user.userId(), null));

        JsonNode item = awaitItem(it -> assertThat(it.get("messageCount").asLong()).isEqualTo(1));
        assertThat(item.get("unreadCount").asLong()).isZero();
    }

    @Test
    void eventIdsDifferingOnlyInCaseOrAccentAreDifferentEvents() {
        for (String eventId : List.of("evt-" + sessionId + "-e", "EVT-" + sessionId + "-E", "evt-" + sessionId + "-é")) {
            fixtures.publishMessageEvent(new MessageEvent.MessageStored(MessageEvent.SCHEMA_VERSION, eventId,
                    sessionId, Instant.now(), "msg_" + eventId, 1, user.userId(), SenderType.USER, "用户", null,
                    "同一条?", MessageType.TEXT, null, List.of(), user.userId(), null));
        }

        awaitItem(it -> assertThat(it.get("messageCount").asLong()).isEqualTo(3));
    }

    @Test
    void anEventIdTooLongToKeepIsRefusedRatherThanCutShort() {
        String longId = "evt-" + "x".repeat(60);
        for (String eventId : List.of(longId + "-1", longId + "-2")) {
            fixtures.publishMessageEvent(new MessageEvent.MessageStored(MessageEvent.SCHEMA_VERSION, eventId,
                    sessionId, Instant.now(), "msg_" + UUID.randomUUID(), 1, user.userId(), SenderType.USER, "用户",
                    null, "太长的事件号", MessageType.TEXT, null, List.of(), user.userId(), null));
        }
        fixtures.messageStored(sessionId, user.userId(), SenderType.USER, user.userId(), 2, "之后的消息");

        // path, not get: until the message is applied lastMessage is null, which must fail the assertion, not throw.
        JsonNode item = awaitItem(it -> assertThat(it.path("lastMessage").path("content").asString())
                .isEqualTo("之后的消息"));
        assertThat(item.get("messageCount").asLong()).isEqualTo(1);
    }

    private MessageEvent.MessagesRead read(SenderType readerType, long readerId, List<String> messageIds) {
        return new MessageEvent.MessagesRead(MessageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sessionId,
                Instant.now(), readerId, readerType, messageIds, user.userId(), null);
    }

    private JsonNode awaitItem(Consumer<JsonNode> expectation) {
        await().atMost(PATIENCE).untilAsserted(() -> expectation.accept(fixtures.session(sessionId, admin.token())));
        return fixtures.session(sessionId, admin.token());
    }
}
