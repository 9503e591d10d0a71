package com.loyalty.chat.realtime.catchup;

import static com.loyalty.chat.realtime.support.ContractFormats.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.realtime.TwoNodeTest;
import com.loyalty.chat.realtime.support.Events;
import com.loyalty.chat.realtime.support.MessageServiceStub;
import com.loyalty.chat.realtime.support.SessionServiceStub;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

/** {@code offline_messages} and {@code sync} against the message-service stub, across two nodes. */
class CatchupTest extends TwoNodeTest {

    private final TestAccount user = TestAccount.next("回来了");
    private final TestAccount admin = TestAccount.next("值班客服");
    private final String sessionId = Events.newSessionId();
    private final MessageServiceStub messageService = MessageServiceStub.shared();

    @AfterEach
    void messageServiceBack() {
        messageService.unavailable(false);
        messageService.answerOfflineQuestions();
    }

    /**
     * The offline messages are asked for after the handshake, not during it: the node reads what the client sends
     * while message-service has not answered yet, and still tells the client nothing before its greeting.
     */
    @Test
    void whileMessageServiceIsSlowToSayWhatWasMissedTheClientIsServedAndHearsItsGreetingFirst() {
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        messageService.holdOfflineQuestions();
        try (TestSocket client = connectA("/ws?token=" + user.userToken())) {
            client.awaitFrame("connection_established");
            client.send("send_message", Map.of("sessionId", sessionId, "content", "先说一句",
                    "tempMessageId", "temp_early"));

            messageService.awaitStored(user.userId(), "temp_early");
            assertThat(client.frames()).extracting(frame -> frame.path("type").asString())
                    .containsExactly("connection_established");

            messageService.answerOfflineQuestions();
            client.awaitFrame("message_sent");
            assertThat(client.frames()).extracting(frame -> frame.path("type").asString())
                    .startsWith("connection_established", "offline_messages").contains("message_sent");
        }
    }

    @Test
    void offlineMessagesFollowConnectionEstablishedEvenWhenNothingWasMissed() {
        try (TestSocket client = connectA("/ws?token=" + user.userToken())) {
            JsonNode offline = client.awaitFrame("offline_messages");

            assertThat(client.frames().get(0).path("type").asString()).isEqualTo("connection_established");
            assertThat(client.frames().get(1)).isEqualTo(offline);
            assertThat(offline.path("data").path("messages").isArray()).isTrue();
            assertThat(offline.path("data").path("messages").isEmpty()).isTrue();
            assertThat(offline.path("data").path("hasMore").asBoolean()).isFalse();
        }
    }

    @Test
    void aUserWhoWasAwayGetsTheRepliesSentMeanwhileOldestFirstOnReconnectingToTheOtherNodeAndThenNoMore() {
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        try (TestSocket adminOnB = connectB("/ws?token=" + admin.adminToken())) {
            adminOnB.awaitFrame("offline_messages");
            adminOnB.send("chat_message", Map.of("sessionId", sessionId, "content", "第一条", "tempMessageId", "temp_1"));
            adminOnB.send("chat_message", Map.of("sessionId", sessionId, "content", "第二条", "tempMessageId", "temp_2"));
            String first = messageService.awaitStored(admin.userId(), "temp_1").messageId();
            String second = messageService.awaitStored(admin.userId(), "temp_2").messageId();

            try (TestSocket userOnB = connectB("/ws?token=" + user.userToken())) {
                JsonNode missed = userOnB.awaitFrame("offline_messages").path("data").path("messages");

                assertThat(missed.valueStream().map(message -> message.path("messageId").asString()))
                        .containsExactly(first, second);
                JsonNode item = missed.get(0);
                assertThat(item.path("sessionId").asString()).isEqualTo(sessionId);
                assertThat(item.path("senderId").asLong()).isEqualTo(admin.userId());
                assertThat(item.path("senderType").asString()).isEqualTo("admin");
                assertThat(item.path("content").asString()).isEqualTo("第一条");
                assertThat(item.path("createdAt").asString()).matches(TIMESTAMP);
                assertThat(item.path("sender").path("userId").asLong()).isEqualTo(admin.userId());
                long lastSequence = missed.get(1).path("sequence").asLong();
                userOnB.send("ack", Map.of("sessionId", sessionId, "sequence", lastSequence));
                await().until(() -> messageService.statusOf(second).equals("delivered"));
            }
            try (TestSocket userOnA = connectA("/ws?token=" + user.userToken())) {
                assertThat(userOnA.awaitFrame("offline_messages").path("data").path("messages").isEmpty()).isTrue();
            }
        }
    }

    @Test
    void anAdminWhoWasAwayGetsTheUserMessagesOfUnassignedSessions() {
        SessionServiceStub.shared().register(sessionId, user.userId(), null);
        try (TestSocket userOnA = connectA("/ws?token=" + user.userToken())) {
            userOnA.awaitFrame("offline_messages");
            userOnA.send("send_message", Map.of("sessionId", sessionId, "content", "有人吗", "tempMessageId", "temp_q"));
            String question = messageService.awaitStored(user.userId(), "temp_q").messageId();

            try (TestSocket adminOnB = connectB("/chat?type=admin&token=" + admin.adminToken())) {
                JsonNode missed = adminOnB.awaitFrame("offline_messages").path("data").path("messages");

                assertThat(missed.valueStream().map(message -> message.path("messageId").asString()))
                        .contains(question);
            }
        }
    }

    @Test
    void whenMessageServiceCannotSayTheClientHearsError5003InsteadAndCatchesUpWithSync() {
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        try (TestSocket adminOnB = connectB("/ws?token=" + admin.adminToken())) {
            adminOnB.awaitFrame("offline_messages");
            adminOnB.send("chat_message", Map.of("sessionId", sessionId, "content", "稍等", "tempMessageId", "temp_w"));
            String reply = messageService.awaitStored(admin.userId(), "temp_w").messageId();
            messageService.unavailable(true);

            try (TestSocket userOnA = connectA("/chat?token=" + user.userToken())) {
                JsonNode error = userOnA.awaitFrame("error");
                assertThat(userOnA.frames().get(1)).isEqualTo(error);
                assertThat(error.path("data").path("code").asInt()).isEqualTo(5003);
                assertThat(error.path("data").path("requestType").asString()).isEqualTo("offline_messages");

                userOnA.send("sync", Map.of("sessionId", sessionId), "sync-down");
                JsonNode stillDown = userOnA.awaitFrame(frame -> "sync-down".equals(frame.path("requestId").asString()));
                assertThat(stillDown.path("type").asString()).isEqualTo("error");
                assertThat(stillDown.path("data").path("code").asInt()).isEqualTo(5003);
                assertThat(stillDown.path("data").path("requestType").asString()).isEqualTo("sync");

                messageService.unavailable(false);
                userOnA.send("sync", Map.of("sessionId", sessionId), "sync-up");
                JsonNode synced = userOnA.awaitFrame("sync_messages");
                assertThat(synced.path("requestId").asString()).isEqualTo("sync-up");
                assertThat(synced.path("data").path("sessionId").asString()).isEqualTo(sessionId);
                assertThat(synced.path("data").path("messages").valueStream()
                        .map(message -> message.path("messageId").asString())).containsExactly(reply);
                userOnA.send("ack", Map.of("sessionId", sessionId,
                        "sequence", synced.path("data").path("messages").get(0).path("sequence").asLong()));
                await().until(() -> messageService.statusOf(reply).equals("delivered"));
            }
        }
    }

    @Test
    void syncAnswersTheMessagesAfterTheOneNamedAPageAtATime() {
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        try (TestSocket userOnA = connectA("/ws?token=" + user.userToken())) {
            userOnA.awaitFrame("offline_messages");
            List<String> sent = List.of("一", "二", "三").stream().map(content -> {
                String tempMessageId = "temp_" + content;
                userOnA.send("send_message", Map.of("sessionId", sessionId, "content", content,
                        "tempMessageId", tempMessageId));
                return messageService.awaitStored(user.userId(), tempMessageId).messageId();
            }).toList();

            userOnA.send("sync", Map.of("sessionId", sessionId, "afterMessageId", sent.get(0)), "s1");

            JsonNode synced = userOnA.awaitFrame("sync_messages").path("data");
            assertThat(synced.path("messages").valueStream().map(message -> message.path("messageId").asString()))
                    .containsExactly(sent.get(1), sent.get(2));
            assertThat(synced.path("hasMore").asBoolean()).isFalse();
        }
    }

    @Test
    void aBacklogLargerThanTheSendBufferArrivesInSeveralOfflineMessagesFramesAndTheConnectionStays() {
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        List<String> replies = storeLargeMessages(admin, SenderType.ADMIN, 40);

        try (TestSocket userOnA = connectA("/ws?token=" + user.userToken())) {
            userOnA.awaitFrame(frame -> "offline_messages".equals(frame.path("type").asString())
                    && frame.path("data").path("part").asInt() == frame.path("data").path("parts").asInt());

            List<JsonNode> parts = userOnA.framesOfType("offline_messages");
            assertThat(parts).hasSizeGreaterThan(1);
            assertThat(parts).extracting(part -> part.path("data").path("part").asInt())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, parts.size()).boxed().toList());
            assertThat(parts).allSatisfy(part -> assertThat(part.path("data").path("parts").asInt())
                    .isEqualTo(parts.size()));
            assertThat(parts).allSatisfy(part -> assertThat(part.path("data").path("hasMore").asBoolean()).isFalse());
            assertThat(parts.stream().flatMap(part -> part.path("data").path("messages").valueStream())
                    .map(message -> message.path("messageId").asString())).containsExactlyElementsOf(replies);
            userOnA.send("ping", Map.of(), "still-here");
            userOnA.awaitFrame("pong");
            assertThat(userOnA.closedByServer()).isFalse();
        }
    }

    @Test
    void syncOfMoreThanFitsInAFrameAnswersWhatFitsWithHasMoreAndTheRestOnAskingAgain() {
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        // The user's own messages: nothing for offline_messages, all of it for sync.
        List<String> sent = storeLargeMessages(user, SenderType.USER, 40);

        try (TestSocket userOnA = connectA("/ws?token=" + user.userToken())) {
            userOnA.awaitFrame("offline_messages");
            List<String> synced = new ArrayList<>();
            JsonNode page;
            int asked = 0;
            do {
                String requestId = "sync-" + ++asked;
                userOnA.send("sync", synced.isEmpty() ? Map.of("sessionId", sessionId)
                        : Map.of("sessionId", sessionId, "afterMessageId", synced.getLast()), requestId);
                page = userOnA.awaitFrame(frame -> requestId.equals(frame.path("requestId").asString()))
                        .path("data");
                page.path("messages").forEach(message -> synced.add(message.path("messageId").asString()));
            } while (page.path("hasMore").asBoolean());

            assertThat(synced).containsExactlyElementsOf(sent);
            assertThat(asked).isGreaterThan(1);
            assertThat(userOnA.closedByServer()).isFalse();
        }
    }

    @Test
    void syncOfAnotherUsersSessionIsAnsweredWith4004AndWithoutSessionIdWith4000() {
        SessionServiceStub.shared().register(sessionId, TestAccount.next("别人").userId(), null);
        try (TestSocket userOnA = connectA("/ws?token=" + user.userToken())) {
            userOnA.send("sync", Map.of("sessionId", sessionId, "afterMessageId", "msg_1_aaaaaaaa"), "other");
            userOnA.send("sync", Map.of("afterMessageId", "msg_1_aaaaaaaa"), "none");

            JsonNode notFound = userOnA.awaitFrame(frame -> "other".equals(frame.path("requestId").asString()));
            assertThat(notFound.path("data").path("code").asInt()).isEqualTo(4004);
            assertThat(notFound.path("data").path("requestType").asString()).isEqualTo("sync");
            JsonNode invalid = userOnA.awaitFrame(frame -> "none".equals(frame.path("requestId").asString()));
            assertThat(invalid.path("data").path("code").asInt()).isEqualTo(4000);
        }
    }

    /** Messages of nearly 16 KB each (the content limit), stored as another node's clients would send them. */
    private List<String> storeLargeMessages(TestAccount sender, SenderType side, int count) {
        String content = "回".repeat(5_400);
        return IntStream.rangeClosed(1, count).mapToObj(i -> {
            String tempMessageId = "temp_large_" + i;
            Events.send(sessionId, sender, side, content, tempMessageId);
            return messageService.awaitStored(sender.userId(), tempMessageId).messageId();
        }).toList();
    }
}
