package com.loyalty.chat.message;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

class RestSendingTest extends MessageServiceTest {

    @Test
    void adminReplyIsStoredAnsweredWith201AndAnnouncedAsAClaim() {
        long userId = newUserId();
        long adminId = newUserId();
        String sessionId = openSession(userId);

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            Answer answer = post(ADMIN_CHAT + sessionId + "/messages", adminToken(adminId),
                    Map.of("content", "您好，有什么可以帮您？", "messageType", "text", "adminId", 1));

            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.body().get("success").asBoolean()).isTrue();
            assertThat(answer.code()).isZero();
            assertThat(answer.msg()).isEqualTo("消息发送成功");
            assertThat(answer.data().get("messageId").asString()).matches("msg_\\d+_[0-9a-f]{8}");
            assertThat(answer.data().get("status").asString()).isEqualTo("sent");
            assertThat(answer.data().get("timestamp").asString()).endsWith("Z");

            JsonNode stored = json.readTree(events.awaitRecord(forSession(sessionId)).value());
            assertThat(stored.get("messageId").asString()).isEqualTo(answer.data().get("messageId").asString());
            assertThat(stored.get("senderId").asLong()).isEqualTo(adminId);
            assertThat(stored.get("senderType").asString()).isEqualTo("admin");
            assertThat(stored.get("sessionAdminId").asLong()).isEqualTo(adminId);
        }
        assertThat(sessionViews.find(sessionId)).hasValueSatisfying(view -> assertThat(view.adminId()).isEqualTo(adminId));
    }

    @Test
    void userSendsIntoTheirOwnSession() {
        long userId = newUserId();
        String sessionId = openSession(userId);

        Answer answer = post(USER_CHAT + sessionId + "/messages", userToken(userId),
                Map.of("content", "我的积分不见了", "messageType", "text", "senderId", 1));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(rowsOf(sessionId)).singleElement().satisfies(row -> {
            assertThat(row.get("sender_id")).isEqualTo(userId);
            assertThat(row.get("content")).isEqualTo("我的积分不见了");
        });
    }

    @Test
    void refusesInvalidMessagesWithTheContractsCodes() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        String path = USER_CHAT + sessionId + "/messages";
        String token = userToken(userId);
        Map<String, Object> badAttachment = Map.of("url", "not a url", "name", "a.png", "size", 3, "mimeType", "image/png");

        assertRefused(post(path, token, Map.of("content", "  ", "messageType", "text")), 400, 4000, "content");
        assertRefused(post(path, token, Map.of("content", "系统通知", "messageType", "system")), 400, 4000, "messageType");
        assertRefused(post(path, token, Map.of("content", "", "messageType", "image")), 400, 4000, "attachments");
        assertRefused(post(path, token, Map.of("content", "", "messageType", "file", "attachments", List.of(badAttachment))),
                400, 4000, "attachments[0].url");
        assertRefused(post(path, token, Map.of("content", "字".repeat(5462), "messageType", "text")), 413, 4013, "content");
        assertRefused(post(path, token, Map.of("content", "hi", "messageType", "video")), 400, 4000, "messageType");
        assertRefused(post(path, token, "{\"content\": "), 400, 4000, "JSON");
        assertThat(rowsOf(sessionId)).isEmpty();
    }

    @Test
    void acceptsContentOfExactly16KilobytesAndAnImageWithAValidAttachment() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        String path = USER_CHAT + sessionId + "/messages";
        Map<String, Object> attachment = Map.of("url", "https://files.example.com/receipt.png", "name", "receipt.png",
                "size", 2048, "mimeType", "image/png");

        assertThat(post(path, userToken(userId), Map.of("content", "a".repeat(16384), "messageType", "text")).status())
                .isEqualTo(201);
        assertThat(post(path, userToken(userId),
                Map.of("content", "", "messageType", "image", "attachments", List.of(attachment))).status())
                .isEqualTo(201);
        assertThat(rowsOf(sessionId)).hasSize(2);
    }

    @Test
    void closedSessionAnswers4009() {
        long userId = newUserId();
        long adminId = newUserId();
        String sessionId = openSession(userId);
        changeSession(sessionId, userId, 2, SessionStatus.CLOSED, adminId);

        assertRefused(post(USER_CHAT + sessionId + "/messages", userToken(userId), text("still there?")), 409, 4009, "closed");
        assertRefused(post(ADMIN_CHAT + sessionId + "/messages", adminToken(adminId), text("bye")), 409, 4009, "closed");
    }

    @Test
    void sessionHeldByAnotherAdminAnswers4009() {
        long userId = newUserId();
        long holder = newUserId();
        long other = newUserId();
        String sessionId = openSession(userId);
        changeSession(sessionId, userId, 2, SessionStatus.ASSIGNED, holder);

        assertRefused(post(ADMIN_CHAT + sessionId + "/messages", adminToken(other), text("mine now")), 409, 4009, "another admin");
        assertThat(post(ADMIN_CHAT + sessionId + "/messages", adminToken(holder), text("I'm on it")).status()).isEqualTo(201);
    }

    @Test
    void firstAdminToReplyToAWaitingSessionHoldsItAgainstTheNext() {
        long userId = newUserId();
        String sessionId = openSession(userId);

        assertThat(post(ADMIN_CHAT + sessionId + "/messages", adminToken(newUserId()), text("first")).status())
                .isEqualTo(201);
        assertRefused(post(ADMIN_CHAT + sessionId + "/messages", adminToken(newUserId()), text("second")), 409, 4009,
                "another admin");
    }

    @Test
    void anotherUsersSessionAnswersLikeAMissingOne() {
        String sessionId = openSession(newUserId());

        assertRefused(post(USER_CHAT + sessionId + "/messages", userToken(newUserId()), text("hello?")), 404, 4004, "会话不存在");
        assertRefused(post(USER_CHAT + newSessionId() + "/messages", userToken(newUserId()), text("hello?")), 404, 4004,
                "会话不存在");
    }

    @Test
    void tempIdsThatDifferOnlyInCaseOrAccentsAreTwoMessages() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        List<String> tempIds = List.of("k1", "K1", "é", "e");

        List<Answer> answers = tempIds.stream()
                .map(tempId -> post(USER_CHAT + sessionId + "/messages", userToken(userId),
                        Map.of("content", "as " + tempId, "messageType", "text", "tempMessageId", tempId)))
                .toList();

        assertThat(answers).extracting(Answer::status).containsOnly(201);
        assertThat(answers).extracting(answer -> answer.data().get("messageId").asString()).doesNotHaveDuplicates();
        assertThat(rowsOf(sessionId)).extracting(row -> row.get("temp_message_id")).containsExactlyElementsOf(tempIds);
    }

    @Test
    void theAnswerCarriesTheMessagesSequenceAlsoForARepeat() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        String path = USER_CHAT + sessionId + "/messages";
        Map<String, Object> first = Map.of("content", "one", "messageType", "text", "tempMessageId", "seq-1");

        Answer one = post(path, userToken(userId), first);
        Answer two = post(path, userToken(userId), text("two"));
        Answer repeat = post(path, userToken(userId), first);

        assertThat(one.data().get("sequence").asLong()).isEqualTo(1);
        assertThat(two.data().get("sequence").asLong()).isEqualTo(2);
        assertThat(repeat.data().get("sequence").asLong()).isEqualTo(1);
        assertThat(repeat.data().get("messageId").asString()).isEqualTo(one.data().get("messageId").asString());
    }

    @Test
    void refusesTextThatIsNotValidUnicodeAndTempIdsThatEndInASpace() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        String path = USER_CHAT + sessionId + "/messages";
        String token = userToken(userId);

        assertRefused(post(path, token, "{\"content\": \"half \\ud83d a pair\", \"messageType\": \"text\"}"),
                400, 4000, "content");
        assertRefused(post(path, token, "{\"content\": \"hi\", \"tempMessageId\": \"\\udc00\"}"),
                400, 4000, "tempMessageId");
        assertRefused(post(path, token, Map.of("content", "hi", "messageType", "text", "tempMessageId", "k1 ")),
                400, 4000, "tempMessageId");
        assertThat(post(path, token, Map.of("content", "😀 whole pairs are fine", "messageType", "text",
                "tempMessageId", "😀")).status()).isEqualTo(201);
        assertThat(rowsOf(sessionId)).singleElement()
                .satisfies(row -> assertThat(row.get("content")).isEqualTo("😀 whole pairs are fine"));
    }

    @Test
    void refusesAttachmentsWhoseFieldsAreTooLongToAnnounce() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        String path = USER_CHAT + sessionId + "/messages";
        String token = userToken(userId);
        Map<String, Object> fine = Map.of("url", "https://files.example.com/a.png", "name", "a.png", "size", 3,
                "mimeType", "image/png");

        assertRefused(post(path, token, image(with(fine, "url", "https://files.example.com/" + "a".repeat(3000)))),
                400, 4000, "attachments[0].url");
        assertRefused(post(path, token, image(with(fine, "name", "n".repeat(300)))), 400, 4000, "attachments[0].name");
        assertRefused(post(path, token, image(with(fine, "mimeType", "image/" + "x".repeat(300)))),
                400, 4000, "attachments[0].mimeType");
        assertThat(rowsOf(sessionId)).isEmpty();
    }

    @Test
    void wrongJsonTypesAndNumbersTooLargeAnswer4000NamingTheField() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        String path = USER_CHAT + sessionId + "/messages";
        String token = userToken(userId);

        assertRefused(post(path, token, "{\"content\": {\"text\": \"hi\"}}"), 400, 4000, "content");
        assertRefused(post(path, token, "{\"content\": \"hi\", \"attachments\": \"none\"}"), 400, 4000, "attachments");
        assertRefused(post(path, token, "{\"content\": \"\", \"messageType\": \"image\", \"attachments\": "
                + "[{\"url\": \"https://files.example.com/a.png\", \"name\": \"a\", \"mimeType\": \"image/png\", "
                + "\"size\": 99999999999999999999999}]}"), 400, 4000, "attachments[0].size");
        assertRefused(post(path, token, "[\"content\"]"), 400, 4000, "JSON");
        assertRefused(post(path, token, "null"), 400, 4000, "");
        assertThat(rowsOf(sessionId)).isEmpty();
    }

    @Test
    void aSessionOpenedWhileTheSendWaitsTakesTheMessage() {
        long userId = newUserId();
        String sessionId = newSessionId();
        openSessionWhenFirstMissed(sessionId, userId);

        Answer answer = post(USER_CHAT + sessionId + "/messages", userToken(userId), text("just opened"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.data().get("status").asString()).isEqualTo("sent");
    }

    @Test
    void anIdNoSessionCanHaveAnswers4004() {
        assertRefused(post(USER_CHAT + "session_" + "7".repeat(150) + "/messages", userToken(newUserId()), text("hi")),
                404, 4004, "会话不存在");
    }

    @Test
    void aDatabaseThatIsAwayAnswers5003() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        doThrow(new TransientDataAccessResourceException("database away"))
                .when(sessionViews).lockAll(argThat(ids -> ids != null && ids.contains(sessionId)));

        assertRefused(post(USER_CHAT + sessionId + "/messages", userToken(userId), text("hello?")), 503, 5003, "");
    }

    @Test
    void concurrentRepeatsOfOneTempIdStoreOneMessageAndAllAnswerWithIt() throws Exception {
        long userId = newUserId();
        String sessionId = openSession(userId);
        String token = userToken(userId);
        Map<String, Object> body = Map.of("content", "double tap", "messageType", "text", "tempMessageId", "temp-dup");

        List<Answer> answers = inParallel(8, () -> post(USER_CHAT + sessionId + "/messages", token, body));

        assertThat(answers).extracting(Answer::status).containsOnly(201);
        assertThat(answers).extracting(answer -> answer.data().get("messageId").asString()).containsOnly(
                answers.getFirst().data().get("messageId").asString());
        assertThat(rowsOf(sessionId)).hasSize(1);
    }

    @Test
    void aTempIdReusedConcurrentlyAcrossTwoSessionsStillStoresOneMessage() throws Exception {
        long userId = newUserId();
        List<String> sessions = List.of(openSession(userId), openSession(userId));
        String token = userToken(userId);
        Map<String, Object> body = Map.of("content", "same id twice", "messageType", "text", "tempMessageId", "temp-x");

        List<Answer> answers = inParallel(8, new Callable<>() {
            private int next;

            @Override
            public Answer call() {
                String sessionId;
                synchronized (this) {
                    sessionId = sessions.get(next++ % 2);
                }
                return post(USER_CHAT + sessionId + "/messages", token, body);
            }
        });

        assertThat(answers).extracting(Answer::status).containsOnly(201);
        assertThat(answers).extracting(answer -> answer.data().get("messageId").asString()).containsOnly(
                answers.getFirst().data().get("messageId").asString());
        assertThat(rowsOf(sessions.get(0)).size() + rowsOf(sessions.get(1)).size()).isEqualTo(1);
    }

    @Test
    void concurrentSendersGetStrictlyIncreasingSequencesInTheirOwnOrder() throws Exception {
        long userId = newUserId();
        long adminId = newUserId();
        String sessionId = openSession(userId);
        changeSession(sessionId, userId, 2, SessionStatus.ACTIVE, adminId);
        int senders = 6;
        int messagesEach = 10;

        inParallel(senders, new Callable<>() {
            private int next;

            @Override
            public Void call() {
                int sender;
                synchronized (this) {
                    sender = next++;
                }
                boolean asAdmin = sender % 2 == 0;
                String path = (asAdmin ? ADMIN_CHAT : USER_CHAT) + sessionId + "/messages";
                String token = asAdmin ? adminToken(adminId) : userToken(userId);
                for (int i = 0; i < messagesEach; i++) {
                    assertThat(post(path, token, text(sender + ":" + i)).status()).isEqualTo(201);
                }
                return null;
            }
        });

        List<Map<String, Object>> rows = rowsOf(sessionId);
        assertThat(rows).extracting(row -> ((Number) row.get("sequence")).longValue())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, (long) senders * messagesEach)
                        .boxed().toList());
        Map<String, Integer> lastSeen = new HashMap<>();
        for (Map<String, Object> row : rows) {
            String[] senderAndIndex = ((String) row.get("content")).split(":");
            int index = Integer.parseInt(senderAndIndex[1]);
            assertThat(index).isEqualTo(lastSeen.getOrDefault(senderAndIndex[0], -1) + 1);
            lastSeen.put(senderAndIndex[0], index);
        }
    }

    private static Map<String, Object> image(Map<String, Object> attachment) {
        return Map.of("content", "", "messageType", "image", "attachments", List.of(attachment));
    }

    private static Map<String, Object> with(Map<String, Object> attachment, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(attachment);
        changed.put(field, value);
        return changed;
    }
}
