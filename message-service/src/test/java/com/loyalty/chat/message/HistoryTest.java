package com.loyalty.chat.message;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryTest extends MessageServiceTest {

    @Test
    void firstPageHoldsTheNewestMessagesOldestFirst() {
        long userId = newUserId();
        String sessionId = sessionWithMessages(userId, 25);

        Answer answer = get(ADMIN_CHAT + sessionId + "/messages?pageSize=10", adminToken(newUserId()));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.msg()).isEqualTo("消息历史获取成功");
        assertThat(contents(answer)).containsExactlyElementsOf(numbered(15, 25));
        assertThat(answer.data().get("totalCount").asLong()).isEqualTo(25);
        JsonNode pagination = answer.data().get("pagination");
        assertThat(pagination.get("currentPage").asInt()).isEqualTo(1);
        assertThat(pagination.get("pageSize").asInt()).isEqualTo(10);
        assertThat(pagination.get("totalPages").asInt()).isEqualTo(3);
        assertThat(pagination.get("hasMore").asBoolean()).isTrue();

        JsonNode message = answer.data().get("messages").get(0);
        assertThat(message.get("messageId").asString()).startsWith("msg_");
        assertThat(message.get("sessionId").asString()).isEqualTo(sessionId);
        assertThat(message.get("sequence").asLong()).isEqualTo(16);
        assertThat(message.get("senderId").asLong()).isEqualTo(userId);
        assertThat(message.get("senderType").asString()).isEqualTo("user");
        assertThat(message.get("messageType").asString()).isEqualTo("text");
        assertThat(message.get("status").asString()).isEqualTo("sent");
        assertThat(message.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(message.get("attachments").isArray()).isTrue();
        assertThat(message.get("sender").get("userId").asLong()).isEqualTo(userId);
        assertThat(message.get("sender").get("nickname").asString()).isEqualTo("user" + userId);
        assertThat(message.get("sender").get("avatar").isNull()).isTrue();
    }

    @Test
    void laterPagesGoBackInTimeAndTheLastHasNoMore() {
        long userId = newUserId();
        String sessionId = sessionWithMessages(userId, 25);

        Answer last = get(USER_CHAT + sessionId + "/messages?page=3&pageSize=10", userToken(userId));

        assertThat(contents(last)).containsExactlyElementsOf(numbered(0, 5));
        assertThat(last.data().get("pagination").get("hasMore").asBoolean()).isFalse();
        assertThat(contents(get(USER_CHAT + sessionId + "/messages?page=4&pageSize=10", userToken(userId)))).isEmpty();
    }

    @Test
    void pageSizeDefaultsTo20AndIsClampedTo50() {
        long userId = newUserId();
        String sessionId = sessionWithMessages(userId, 55);

        Answer byDefault = get(USER_CHAT + sessionId + "/messages", userToken(userId));
        Answer clamped = get(USER_CHAT + sessionId + "/messages?pageSize=500", userToken(userId));

        assertThat(contents(byDefault)).containsExactlyElementsOf(numbered(35, 55));
        assertThat(byDefault.data().get("pagination").get("pageSize").asInt()).isEqualTo(20);
        assertThat(contents(clamped)).containsExactlyElementsOf(numbered(5, 55));
        assertThat(clamped.data().get("pagination").get("pageSize").asInt()).isEqualTo(50);
        assertThat(clamped.data().get("pagination").get("totalPages").asInt()).isEqualTo(2);
    }

    @Test
    void beforePagesBackwardsFromAMessage() {
        long userId = newUserId();
        String sessionId = sessionWithMessages(userId, 12);
        Answer newest = get(USER_CHAT + sessionId + "/messages?pageSize=5", userToken(userId));
        String oldestShown = newest.data().get("messages").get(0).get("messageId").asString();

        Answer older = get(USER_CHAT + sessionId + "/messages?pageSize=5&before=" + oldestShown, userToken(userId));

        assertThat(contents(newest)).containsExactlyElementsOf(numbered(7, 12));
        assertThat(contents(older)).containsExactlyElementsOf(numbered(2, 7));
        assertThat(older.data().get("totalCount").asLong()).isEqualTo(7);
        assertThat(older.data().get("pagination").get("hasMore").asBoolean()).isTrue();
    }

    @Test
    void afterReturnsWhatFollowsAMessageOldestFirst() {
        long userId = newUserId();
        String sessionId = sessionWithMessages(userId, 12);
        String token = userToken(userId);
        List<String> ids = messageIds(get(USER_CHAT + sessionId + "/messages?pageSize=50", token));

        Answer next = get(USER_CHAT + sessionId + "/messages?pageSize=5&after=" + ids.get(3), token);
        Answer rest = get(USER_CHAT + sessionId + "/messages?pageSize=5&after=" + ids.get(8), token);
        Answer none = get(ADMIN_CHAT + sessionId + "/messages?after=" + ids.get(11), adminToken(newUserId()));

        assertThat(contents(next)).containsExactlyElementsOf(numbered(4, 9));
        assertThat(next.data().get("messages").get(0).get("sequence").asLong()).isEqualTo(5);
        assertThat(next.data().get("totalCount").asLong()).isEqualTo(8);
        assertThat(next.data().get("pagination").get("pageSize").asInt()).isEqualTo(5);
        assertThat(next.data().get("pagination").get("hasMore").asBoolean()).isTrue();
        assertThat(contents(rest)).containsExactlyElementsOf(numbered(9, 12));
        assertThat(rest.data().get("pagination").get("hasMore").asBoolean()).isFalse();
        assertThat(contents(none)).isEmpty();
        assertThat(none.data().get("pagination").get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void afterGoesWithNeitherPageNorBeforeAndMustNameAMessageOfTheSession() {
        long userId = newUserId();
        String sessionId = sessionWithMessages(userId, 2);
        String otherSession = sessionWithMessages(userId, 1);
        String token = userToken(userId);
        String path = USER_CHAT + sessionId + "/messages";
        List<String> ids = messageIds(get(path, token));
        String elsewhere = messageIds(get(USER_CHAT + otherSession + "/messages", token)).getFirst();

        assertRefused(get(path + "?page=1&after=" + ids.get(0), token), 400, 4000, "after");
        assertRefused(get(path + "?before=" + ids.get(1) + "&after=" + ids.get(0), token), 400, 4000, "after");
        assertRefused(get(path + "?after=" + elsewhere, token), 400, 4000, "after");
        assertRefused(get(path + "?after=msg_1_deadbeef", token), 400, 4000, "after");
    }

    @Test
    void badPagingParametersAnswer4000NamingTheParameter() {
        long userId = newUserId();
        String sessionId = sessionWithMessages(userId, 1);
        String path = USER_CHAT + sessionId + "/messages";
        String token = userToken(userId);

        assertRefused(get(path + "?page=0", token), 400, 4000, "page");
        assertRefused(get(path + "?page=abc", token), 400, 4000, "page");
        assertRefused(get(path + "?pageSize=0", token), 400, 4000, "pageSize");
        assertRefused(get(path + "?pageSize=ten", token), 400, 4000, "pageSize");
        assertRefused(get(path + "?before=msg_1_deadbeef", token), 400, 4000, "before");
    }

    @Test
    void aUserCannotReadAnotherUsersSessionAndUnknownSessionsAre404() {
        String sessionId = sessionWithMessages(newUserId(), 1);

        assertRefused(get(USER_CHAT + sessionId + "/messages", userToken(newUserId())), 404, 4004, "会话不存在");
        assertRefused(get(ADMIN_CHAT + newSessionId() + "/messages", adminToken(newUserId())), 404, 4004, "会话不存在");
    }

    @Test
    void aSessionOpenedWhileTheRequestWaitsIsRead() {
        long userId = newUserId();
        String sessionId = newSessionId();
        openSessionWhenFirstMissed(sessionId, userId);

        Answer answer = get(USER_CHAT + sessionId + "/messages", userToken(userId));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().get("totalCount").asLong()).isZero();
    }

    private String sessionWithMessages(long userId, int count) {
        String sessionId = openSession(userId);
        String token = userToken(userId);
        IntStream.range(0, count).forEach(i ->
                assertThat(post(USER_CHAT + sessionId + "/messages", token, text("m" + i)).status()).isEqualTo(201));
        return sessionId;
    }

    private static List<String> messageIds(Answer answer) {
        List<String> ids = new ArrayList<>();
        answer.data().get("messages").forEach(message -> ids.add(message.get("messageId").asString()));
        return ids;
    }

    private static List<String> contents(Answer answer) {
        List<String> contents = new ArrayList<>();
        answer.data().get("messages").forEach(message -> contents.add(message.get("content").asString()));
        return contents;
    }

    /** "m{from}" up to, not including, "m{to}". */
    private static List<String> numbered(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "m" + i).toList();
    }
}
