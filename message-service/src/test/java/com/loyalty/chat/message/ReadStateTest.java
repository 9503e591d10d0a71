package com.loyalty.chat.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReadStateTest extends MessageServiceTest {

    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @Test
    void adminReadMarksEveryUnreadUserMessageAndAnnouncesExactlyThose() {
        long userId = newUserId();
        long adminId = newUserId();
        String sessionId = openSession(userId);
        List<String> userMessages = new ArrayList<>(List.of(userSends(sessionId, userId, "1"),
                userSends(sessionId, userId, "2")));
        String reply = adminSends(sessionId, adminId, "reply");
        userMessages.add(userSends(sessionId, userId, "3"));

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            Answer answer = post(ADMIN_CHAT + sessionId + "/read", adminToken(adminId), null);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.code()).isZero();
            assertThat(answer.data().get("sessionId").asString()).isEqualTo(sessionId);
            assertThat(ids(answer.data().get("messageIds"))).containsExactlyElementsOf(userMessages);
            assertThat(answer.data().get("readAt").asString()).matches(TIMESTAMP);

            JsonNode read = json.readTree(events.awaitRecord(messagesReadOf(sessionId)).value());
            assertThat(read.get("readerId").asLong()).isEqualTo(adminId);
            assertThat(read.get("readerType").asString()).isEqualTo("admin");
            assertThat(ids(read.get("messageIds"))).containsExactlyElementsOf(userMessages);
            assertThat(read.get("sessionUserId").asLong()).isEqualTo(userId);
            assertThat(read.get("sessionAdminId").asLong()).isEqualTo(adminId);
            assertThat(read.get("occurredAt").asString()).isEqualTo(answer.data().get("readAt").asString());
        }
        assertThat(userMessages).allSatisfy(id -> assertThat(statusOf(id)).isEqualTo("read"));
        assertThat(statusOf(reply)).isEqualTo("sent");
    }

    @Test
    void aSecondReadFindsNothingNewAndAnnouncesNothing() {
        long userId = newUserId();
        long adminId = newUserId();
        String sessionId = openSession(userId);
        String first = userSends(sessionId, userId, "first");

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            assertThat(ids(post(ADMIN_CHAT + sessionId + "/read", adminToken(adminId), "{}").data().get("messageIds")))
                    .containsExactly(first);
            assertThat(ids(post(ADMIN_CHAT + sessionId + "/read", adminToken(adminId), "{}").data().get("messageIds")))
                    .isEmpty();
            String second = userSends(sessionId, userId, "second");
            post(ADMIN_CHAT + sessionId + "/read", adminToken(adminId), Map.of("allMessages", true));

            // One session's events share a partition and arrive in commit order: an event for the empty read
            // would come before the last one.
            assertThat(events.awaitRecords(2, messagesReadOf(sessionId)))
                    .extracting(record -> ids(json.readTree(record.value()).get("messageIds")))
                    .containsExactly(List.of(first), List.of(second));
        }
    }

    @Test
    void listedIdsMarkOnlyTheOtherSidesMessagesOfThatSession() {
        long userId = newUserId();
        long otherUserId = newUserId();
        long adminId = newUserId();
        String sessionId = openSession(userId);
        String otherSessionId = openSession(otherUserId);
        String kept = userSends(sessionId, userId, "not listed");
        String listed = userSends(sessionId, userId, "listed");
        String ownReply = adminSends(sessionId, adminId, "mine");
        String elsewhere = userSends(otherSessionId, otherUserId, "another session");

        Answer answer = post(ADMIN_CHAT + sessionId + "/read", adminToken(adminId),
                Map.of("messageIds", List.of(listed, ownReply, elsewhere, "msg_1_deadbeef")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer.data().get("messageIds"))).containsExactly(listed);
        assertThat(statusOf(listed)).isEqualTo("read");
        assertThat(List.of(kept, ownReply, elsewhere)).allSatisfy(id -> assertThat(statusOf(id)).isEqualTo("sent"));
    }

    @Test
    void aUsersReadReceiptsOverKafkaMarkTheAdminsMessagesRead() {
        long userId = newUserId();
        long adminId = newUserId();
        String sessionId = openSession(userId);
        String question = userSends(sessionId, userId, "question");
        String firstReply = adminSends(sessionId, adminId, "first reply");
        String secondReply = adminSends(sessionId, adminId, "second reply");

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            publishCommand(readCommand(sessionId, user(userId), List.of(firstReply)));
            publishCommand(readCommand(sessionId, user(userId), List.of()));

            List<JsonNode> reads = events.awaitRecords(2, messagesReadOf(sessionId)).stream()
                    .map(record -> json.readTree(record.value()))
                    .toList();
            assertThat(reads).extracting(read -> ids(read.get("messageIds")))
                    .containsExactly(List.of(firstReply), List.of(secondReply));
            assertThat(reads).allSatisfy(read -> {
                assertThat(read.get("readerId").asLong()).isEqualTo(userId);
                assertThat(read.get("readerType").asString()).isEqualTo("user");
                assertThat(read.get("sessionAdminId").asLong()).isEqualTo(adminId);
            });
        }
        assertThat(statusOf(question)).isEqualTo("sent");
    }

    @Test
    void concurrentReadsOfOneSessionAnnounceEveryMessageOnce() throws Exception {
        long userId = newUserId();
        long adminId = newUserId();
        String sessionId = openSession(userId);
        adminSends(sessionId, adminId, "hello");
        List<String> userMessages = IntStream.range(0, 20)
                .mapToObj(i -> userSends(sessionId, userId, "m" + i))
                .toList();

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            List<Answer> answers = inParallel(6, () -> {
                publishCommand(readCommand(sessionId, admin(adminId), List.of()));
                return post(ADMIN_CHAT + sessionId + "/read", adminToken(adminId), null);
            });
            await().until(() -> userMessages.stream().allMatch(id -> statusOf(id).equals("read")));
            // A last read the test can recognise: every announcement of the concurrent ones comes before it.
            String last = userSends(sessionId, userId, "last");
            post(ADMIN_CHAT + sessionId + "/read", adminToken(adminId), null);

            events.awaitRecord(record -> messagesReadOf(sessionId).test(record) && record.value().contains(last));
            List<String> announced = new ArrayList<>();
            events.awaitRecords(1, messagesReadOf(sessionId))
                    .forEach(record -> announced.addAll(ids(json.readTree(record.value()).get("messageIds"))));
            assertThat(announced).containsExactlyInAnyOrderElementsOf(
                    Stream.concat(userMessages.stream(), Stream.of(last)).toList());

            List<String> answered = new ArrayList<>();
            answers.forEach(answer -> answered.addAll(ids(answer.data().get("messageIds"))));
            assertThat(answered).doesNotHaveDuplicates().isSubsetOf(userMessages);
        }
    }

    @Test
    void deliveryReceiptsMoveSentToDeliveredAndNeverDowngradeRead() {
        long userId = newUserId();
        long adminId = newUserId();
        String sessionId = openSession(userId);
        String read = adminSends(sessionId, adminId, "read first");
        String delivered = adminSends(sessionId, adminId, "then delivered");
        String pending = adminSends(sessionId, adminId, "not yet received");
        publishCommand(readCommand(sessionId, user(userId), List.of(read)));
        await().until(() -> statusOf(read).equals("read"));

        publishCommand(deliveredCommand(sessionId, user(userId), List.of(read, delivered)));

        await().until(() -> statusOf(delivered).equals("delivered"));
        assertThat(statusOf(read)).isEqualTo("read");
        assertThat(statusOf(pending)).isEqualTo("sent");
    }

    @Test
    void receiptsCountOnlyForTheOtherSidesMessagesInSessionsTheReaderTakesPartIn() {
        long userId = newUserId();
        long holder = newUserId();
        String sessionId = openSession(userId);
        String question = userSends(sessionId, userId, "question");
        String followUp = userSends(sessionId, userId, "follow-up");
        String reply = adminSends(sessionId, holder, "reply");

        // Same key, same partition: once the last receipt took effect, the ones before it were applied too.
        publishCommand(deliveredCommand(sessionId, user(userId), List.of(question)));
        publishCommand(deliveredCommand(sessionId, user(newUserId()), List.of(reply)));
        publishCommand(deliveredCommand(sessionId, admin(newUserId()), List.of(question)));
        publishCommand(readCommand(sessionId, user(newUserId()), List.of()));
        publishCommand(readCommand(sessionId, admin(newUserId()), List.of()));
        publishCommand(readCommand(sessionId, user(userId), List.of(question)));
        publishCommand(deliveredCommand(sessionId, admin(holder), List.of(followUp)));

        await().until(() -> statusOf(followUp).equals("delivered"));
        assertThat(statusOf(question)).isEqualTo("sent");
        assertThat(statusOf(reply)).isEqualTo("sent");
    }

    @Test
    void anyAdminMayReadAWaitingSessionAndHistoryShowsEachStatus() {
        long userId = newUserId();
        long adminId = newUserId();
        String sessionId = openSession(userId);
        String read = userSends(sessionId, userId, "will be read");
        String delivered = userSends(sessionId, userId, "will be delivered");
        userSends(sessionId, userId, "stays sent");

        assertThat(post(ADMIN_CHAT + sessionId + "/read", adminToken(adminId), Map.of("messageIds", List.of(read)))
                .status()).isEqualTo(200);
        publishCommand(deliveredCommand(sessionId, admin(newUserId()), List.of(delivered)));
        await().until(() -> statusOf(delivered).equals("delivered"));

        Answer history = get(USER_CHAT + sessionId + "/messages", userToken(userId));
        List<String> statuses = new ArrayList<>();
        history.data().get("messages").forEach(message -> statuses.add(message.get("status").asString()));
        assertThat(statuses).containsExactly("read", "delivered", "sent");
    }

    @Test
    void aSessionOpenedWhileTheReadWaitsIsMarked() {
        String sessionId = newSessionId();
        openSessionWhenFirstMissed(sessionId, newUserId());

        Answer answer = post(ADMIN_CHAT + sessionId + "/read", adminToken(newUserId()), null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().get("messageIds")).isEmpty();
    }

    @Test
    void restReadsAreRefusedWithTheContractsCodes() {
        long userId = newUserId();
        long holder = newUserId();
        String sessionId = openSession(userId);
        changeSession(sessionId, userId, 2, SessionStatus.ACTIVE, holder);
        String question = userSends(sessionId, userId, "question");
        List<String> tooMany = IntStream.range(0, 1001).mapToObj(i -> "msg_" + i).toList();

        assertRefused(post(ADMIN_CHAT + sessionId + "/read", adminToken(newUserId()), null), 409, 4009,
                "another admin");
        assertRefused(post(ADMIN_CHAT + newSessionId() + "/read", adminToken(holder), null), 404, 4004, "会话不存在");
        assertRefused(post(ADMIN_CHAT + sessionId + "/read", userToken(userId), null), 403, 4003, "");
        assertRefused(post(ADMIN_CHAT + sessionId + "/read", null, null), 401, 4001, "");
        assertRefused(post(ADMIN_CHAT + sessionId + "/read", adminToken(holder), Map.of("messageIds", tooMany)),
                400, 4000, "messageIds");
        assertRefused(post(ADMIN_CHAT + sessionId + "/read", adminToken(holder), "{\"messageIds\": 7}"),
                400, 4000, "messageIds");
        assertThat(statusOf(question)).isEqualTo("sent");
        assertThat(post("/admin/chat/sessions/" + sessionId + "/read", adminToken(holder), null).status())
                .isEqualTo(200);
        assertThat(statusOf(question)).isEqualTo("read");
    }

    private Predicate<ConsumerRecord<String, String>> messagesReadOf(String sessionId) {
        return record -> sessionId.equals(record.key())
                && "MessagesRead".equals(json.readTree(record.value()).get("type").asString());
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asString()));
        return ids;
    }
}
