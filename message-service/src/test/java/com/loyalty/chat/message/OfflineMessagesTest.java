package com.loyalty.chat.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import com.loyalty.chat.contracts.api.OfflineQuestions;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;

class OfflineMessagesTest extends MessageServiceTest {

    private static final String USER_OFFLINE = "/api/v2/chat/offline-messages";
    private static final String ADMIN_OFFLINE = "/api/v2/admin/chat/offline-messages";

    @Test
    void aUserGetsTheAdminsUndeliveredMessagesOfAllTheirSessionsOldestFirst() {
        long userId = newUserId();
        long adminId = newUserId();
        long otherAdminId = newUserId();
        String current = openSession(userId);
        String earlier = openSession(userId);
        String first = adminSends(current, adminId, "first");
        userSends(current, userId, "own message");
        String second = adminSends(current, adminId, "second");
        String farewell = adminSends(earlier, otherAdminId, "farewell");
        changeSession(earlier, userId, 2, SessionStatus.CLOSED, otherAdminId);
        String received = adminSends(current, adminId, "already received");
        String someoneElses = openSession(newUserId());
        adminSends(someoneElses, adminId, "not for this user");
        publishCommand(deliveredCommand(current, user(userId), List.of(received)));
        await().until(() -> statusOf(received).equals("delivered"));

        Answer answer = get(USER_OFFLINE, userToken(userId));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.code()).isZero();
        assertThat(messageIds(answer)).containsExactly(first, second, farewell);
        assertThat(answer.data().get("hasMore").asBoolean()).isFalse();
        var message = answer.data().get("messages").get(1);
        assertThat(message.get("sessionId").asString()).isEqualTo(current);
        assertThat(message.get("sequence").asLong()).isEqualTo(3);
        assertThat(message.get("senderType").asString()).isEqualTo("admin");
        assertThat(message.get("status").asString()).isEqualTo("sent");
        assertThat(message.get("content").asString()).isEqualTo("second");
        assertThat(message.get("attachments").isArray()).isTrue();
        assertThat(message.get("sender").get("userId").asLong()).isEqualTo(adminId);
        assertThat(message.get("sender").get("nickname").asString()).isEqualTo("admin" + adminId);
    }

    @Test
    void anAdminGetsTheUndeliveredUserMessagesOfTheOpenSessionsTheyHold() {
        long adminId = newUserId();
        long userId = newUserId();
        String held = sessionHeldBy(adminId, userId);
        String closed = sessionHeldBy(adminId, userId);
        String heldByAnother = sessionHeldBy(newUserId(), userId);
        String waiting = openSession(userId);
        String question = userSends(held, userId, "question");
        String received = userSends(held, userId, "received");
        userSends(closed, userId, "last words");
        userSends(heldByAnother, userId, "for someone else");
        userSends(waiting, userId, "for whoever takes it");
        adminSends(held, adminId, "own reply");
        changeSession(closed, userId, 3, SessionStatus.CLOSED, adminId);
        publishCommand(deliveredCommand(held, admin(adminId), List.of(received)));
        await().until(() -> statusOf(received).equals("delivered"));

        Answer answer = get(ADMIN_OFFLINE, adminToken(adminId));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(messageIds(answer)).containsExactly(question);
        assertThat(answer.data().get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void limitDefaultsToAndIsClampedTo100AndHasMoreSaysMoreAreWaiting() {
        long userId = newUserId();
        long adminId = newUserId();
        String sessionId = openSession(userId);
        List<String> sent = IntStream.range(0, 101).mapToObj(i -> adminSends(sessionId, adminId, "m" + i)).toList();
        String token = userToken(userId);

        Answer byDefault = get(USER_OFFLINE, token);
        Answer clamped = get(USER_OFFLINE + "?limit=500", token);
        Answer two = get(USER_OFFLINE + "?limit=2", token);

        assertThat(messageIds(byDefault)).containsExactlyElementsOf(sent.subList(0, 100));
        assertThat(byDefault.data().get("hasMore").asBoolean()).isTrue();
        assertThat(messageIds(clamped)).hasSize(100);
        assertThat(messageIds(two)).containsExactlyElementsOf(sent.subList(0, 2));
        assertThat(two.data().get("hasMore").asBoolean()).isTrue();
        assertRefused(get(USER_OFFLINE + "?limit=0", token), 400, 4000, "limit");
        assertRefused(get(USER_OFFLINE + "?limit=many", token), 400, 4000, "limit");
    }

    @Test
    void theAdminsOfflineMessagesNeedAnAdminToken() {
        assertRefused(get(ADMIN_OFFLINE, userToken(newUserId())), 403, 4003, "");
        assertRefused(get(USER_OFFLINE, null), 401, 4001, "");
    }

    @Test
    void aNodesQuestionsAreEachAnsweredAsTheClientsOwnCallWouldBe() {
        long userId = newUserId();
        long adminId = newUserId();
        String sessionId = sessionHeldBy(adminId, userId);
        String question = userSends(sessionId, userId, "question");
        String reply = adminSends(sessionId, adminId, "reply");

        Answer answer = post(OfflineQuestions.PATH, null, new OfflineQuestions(100, List.of(
                new OfflineQuestions.Question(adminToken(adminId), SenderType.ADMIN),
                new OfflineQuestions.Question(userToken(userId), SenderType.USER))));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode answers = answer.data().get("answers");
        assertThat(answers).hasSize(2);
        assertThat(messageIds(answers.get(0))).containsExactly(question);
        assertThat(messageIds(answers.get(1))).containsExactly(reply);
        assertThat(answers.get(1).get("hasMore").asBoolean()).isFalse();
        assertThat(answers.get(1).get("messages")).isEqualTo(get(USER_OFFLINE, userToken(userId)).data().get("messages"));
    }

    @Test
    void eachClientInOneRequestGetsOnlyWhatTheyMissedUpToTheLimit() {
        long adminId = newUserId();
        long busyUser = newUserId();
        long quietUser = newUserId();
        long idleUser = newUserId();
        String busySession = openSession(busyUser);
        List<String> toBusy = IntStream.range(0, 3).mapToObj(i -> adminSends(busySession, adminId, "b" + i)).toList();
        String toQuiet = adminSends(openSession(quietUser), adminId, "q");

        Answer answer = post(OfflineQuestions.PATH, null, new OfflineQuestions(2, List.of(
                new OfflineQuestions.Question(userToken(quietUser), SenderType.USER),
                new OfflineQuestions.Question(userToken(idleUser), SenderType.USER),
                new OfflineQuestions.Question(userToken(busyUser), SenderType.USER),
                new OfflineQuestions.Question(userToken(quietUser), SenderType.USER))));

        JsonNode answers = answer.data().get("answers");
        assertThat(messageIds(answers.get(0))).containsExactly(toQuiet);
        assertThat(answers.get(0).get("hasMore").asBoolean()).isFalse();
        assertThat(messageIds(answers.get(1))).isEmpty();
        assertThat(messageIds(answers.get(2))).containsExactlyElementsOf(toBusy.subList(0, 2));
        assertThat(answers.get(2).get("hasMore").asBoolean()).isTrue();
        assertThat(answers.get(3)).isEqualTo(answers.get(0));
    }

    @Test
    void aRefusedQuestionRefusesOnlyItself() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        String reply = adminSends(sessionId, newUserId(), "reply");
        String token = userToken(userId);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        Answer answer = post(OfflineQuestions.PATH, null, new OfflineQuestions(100, List.of(
                new OfflineQuestions.Question(tampered, SenderType.USER),
                new OfflineQuestions.Question(token, SenderType.ADMIN),
                new OfflineQuestions.Question("", SenderType.USER),
                new OfflineQuestions.Question(token, SenderType.USER))));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode answers = answer.data().get("answers");
        assertThat(answers.get(0).get("code").asInt()).isEqualTo(4002);
        assertThat(answers.get(1).get("code").asInt()).isEqualTo(4003);
        assertThat(answers.get(2).get("code").asInt()).isEqualTo(4001);
        assertThat(answers.get(3).has("code")).isFalse();
        assertThat(messageIds(answers.get(3))).containsExactly(reply);
    }

    @Test
    void aRequestWithoutQuestionsOrWithMoreThanAllowedIsRefusedWith4000() {
        List<OfflineQuestions.Question> tooMany = Collections.nCopies(101,
                new OfflineQuestions.Question(userToken(newUserId()), SenderType.USER));

        assertRefused(post(OfflineQuestions.PATH, null, new OfflineQuestions(100, List.of())), 400, 4000,
                "questions");
        assertRefused(post(OfflineQuestions.PATH, null, new OfflineQuestions(100, tooMany)), 400, 4000, "questions");
    }

    @Test
    void aQuestionWithoutASideIsRefusedWith4000() {
        Answer answer = post(OfflineQuestions.PATH, null, "{\"limit\":100,\"questions\":[null,{\"token\":\"t\"}]}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().get("answers").valueStream().map(it -> it.get("code").asInt())).containsExactly(4000,
                4000);
    }

    private String sessionHeldBy(long adminId, long userId) {
        String sessionId = openSession(userId);
        changeSession(sessionId, userId, 2, SessionStatus.ACTIVE, adminId);
        return sessionId;
    }

    private static List<String> messageIds(Answer answer) {
        return messageIds(answer.data());
    }

    private static List<String> messageIds(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("messages").forEach(message -> ids.add(message.get("messageId").asString()));
        return ids;
    }
}
