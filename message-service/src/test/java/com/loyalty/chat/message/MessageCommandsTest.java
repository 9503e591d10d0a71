package com.loyalty.chat.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.events.Attachment;
import com.loyalty.chat.contracts.events.MessageCommand;
import com.loyalty.chat.contracts.events.MessageCommand.SendMessage;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.localstack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;

class MessageCommandsTest extends MessageServiceTest {

    @Test
    void storesASendMessageCommandAndAnnouncesItWithItsSequence() {
        long userId = newUserId();
        String sessionId = openSession(userId);

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            publishCommand(sendCommand(sessionId, user(userId), "你好", MessageType.TEXT, "temp-1"));

            ConsumerRecord<String, String> record = events.awaitRecord(forSession(sessionId));
            assertThat(record.key()).isEqualTo(sessionId);
            JsonNode stored = json.readTree(record.value());
            assertThat(stored.get("type").asString()).isEqualTo("MessageStored");
            assertThat(stored.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(UUID.fromString(stored.get("eventId").asString())).isNotNull();
            assertThat(stored.get("messageId").asString()).matches("msg_\\d+_[0-9a-f]{8}");
            assertThat(stored.get("sequence").asLong()).isEqualTo(1);
            assertThat(stored.get("senderId").asLong()).isEqualTo(userId);
            assertThat(stored.get("senderType").asString()).isEqualTo("user");
            assertThat(stored.get("senderNickname").asString()).isEqualTo("user" + userId);
            assertThat(stored.get("content").asString()).isEqualTo("你好");
            assertThat(stored.get("messageType").asString()).isEqualTo("text");
            assertThat(stored.get("tempMessageId").asString()).isEqualTo("temp-1");
            assertThat(stored.get("sessionUserId").asLong()).isEqualTo(userId);
            assertThat(stored.get("sessionAdminId").isNull()).isTrue();
            // Milliseconds at most, as the column keeps them (ISO-8601 leaves out a fraction of .000).
            assertThat(stored.get("occurredAt").asString())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z");
            assertThat(rowsOf(sessionId)).singleElement()
                    .satisfies(row -> assertThat(row.get("message_id")).isEqualTo(stored.get("messageId").asString()));
        }
        await().until(() -> outstandingOutboxRowsOf(sessionId) == 0);
    }

    @Test
    void storesABurstOfCommandsInPublishOrderAndAnnouncesThemInSequenceOrder() {
        long firstUser = newUserId();
        long secondUser = newUserId();
        List<String> sessions = List.of(openSession(firstUser), openSession(secondUser));
        int perSession = 40;

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            for (int i = 0; i < perSession; i++) {
                publishCommand(sendCommand(sessions.get(0), user(firstUser), "a" + i, MessageType.TEXT, "a" + i));
                publishCommand(sendCommand(sessions.get(1), user(secondUser), "b" + i, MessageType.TEXT, null));
            }

            for (String sessionId : sessions) {
                assertThat(events.awaitRecords(perSession, forSession(sessionId)))
                        .extracting(record -> json.readTree(record.value()).get("sequence").asLong())
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, perSession).boxed().toList());
                List<Map<String, Object>> rows = rowsOf(sessionId);
                assertThat(rows).hasSize(perSession);
                for (int i = 0; i < perSession; i++) {
                    assertThat((String) rows.get(i).get("content")).endsWith(String.valueOf(i));
                }
            }
        }
    }

    @Test
    void storesACommandThatArrivesBeforeItsSessionOnceTheSessionIsOpened() {
        long userId = newUserId();
        String sessionId = newSessionId();

        publishCommand(sendCommand(sessionId, user(userId), "early bird", MessageType.TEXT, "temp-early"));
        await().untilAsserted(() -> verify(sessionViews, atLeastOnce())
                .lockAll(argThat(ids -> ids.contains(sessionId))));
        assertThat(rowsOf(sessionId)).isEmpty();

        publishSessionEvent(opened(sessionId, userId));

        await().until(() -> rowsOf(sessionId).size() == 1);
        assertThat(rowsOf(sessionId).getFirst().get("content")).isEqualTo("early bird");
    }

    @Test
    void rejectsACommandForASessionThatNeverOpensWith4004() {
        long userId = newUserId();
        String sessionId = newSessionId();

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            SendMessage command = sendCommand(sessionId, user(userId), "anyone?", MessageType.TEXT, "temp-lost");
            publishCommand(command);

            JsonNode rejected = json.readTree(events.awaitRecord(forSession(sessionId)).value());
            assertThat(rejected.get("type").asString()).isEqualTo("MessageRejected");
            assertThat(rejected.get("errorCode").asInt()).isEqualTo(4004);
            assertThat(rejected.get("commandId").asString()).isEqualTo(command.commandId());
            assertThat(rejected.get("tempMessageId").asString()).isEqualTo("temp-lost");
        }
    }

    @Test
    void rejectsEveryInvalidCommandWithTheContractsErrorCode() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        Attachment noUrl = new Attachment("ftp://files.example.com/a.png", "a.png", 10, "image/png");
        Attachment noSize = new Attachment("https://files.example.com/a.png", "a.png", 0, "image/png");
        List<SendMessage> invalid = List.of(
                sendCommand(sessionId, user(userId), "   ", MessageType.TEXT, "blank"),
                sendCommand(sessionId, user(userId), "I am the server", MessageType.SYSTEM, "system"),
                withAttachments(sendCommand(sessionId, user(userId), "", MessageType.IMAGE, "no-attachment"), List.of()),
                withAttachments(sendCommand(sessionId, user(userId), "", MessageType.IMAGE, "bad-url"), List.of(noUrl)),
                withAttachments(sendCommand(sessionId, user(userId), "", MessageType.FILE, "bad-size"), List.of(noSize)),
                sendCommand(sessionId, user(userId), "字".repeat(5462), MessageType.TEXT, "too-large"));

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            invalid.forEach(this::publishCommand);

            Map<String, Integer> codes = events.awaitRecords(invalid.size(), forSession(sessionId)).stream()
                    .map(record -> json.readTree(record.value()))
                    .peek(event -> assertThat(event.get("type").asString()).isEqualTo("MessageRejected"))
                    .collect(Collectors.toMap(
                            event -> event.get("tempMessageId").asString(), event -> event.get("errorCode").asInt()));
            assertThat(codes).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "blank", 4000, "system", 4000, "no-attachment", 4000, "bad-url", 4000, "bad-size", 4000,
                    "too-large", 4013));
        }
        assertThat(rowsOf(sessionId)).isEmpty();
    }

    @Test
    void storesARepeatedCommandOnceAndAnnouncesTheFirstMessageAgain() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        SendMessage first = sendCommand(sessionId, user(userId), "only once", MessageType.TEXT, "temp-repeat");
        SendMessage again = sendCommand(sessionId, user(userId), "only once", MessageType.TEXT, "temp-repeat");

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            publishCommand(first);
            publishCommand(again);

            List<JsonNode> announced = events.awaitRecords(2, forSession(sessionId)).stream()
                    .map(record -> json.readTree(record.value()))
                    .toList();
            assertThat(announced).extracting(event -> event.get("messageId").asString()).containsOnly(
                    announced.getFirst().get("messageId").asString());
            assertThat(announced).extracting(event -> event.get("eventId").asString()).containsOnly(
                    announced.getFirst().get("eventId").asString());
        }
        assertThat(rowsOf(sessionId)).hasSize(1);
    }

    @Test
    void sendsAPoisonCommandToTheDeadLetterTopicAndCarriesOn() {
        long userId = newUserId();
        String sessionId = openSession(userId);

        try (TopicReader<String> deadLetters = readTopic(Topics.deadLetterOf(Topics.MESSAGE_COMMANDS))) {
            publish(Topics.MESSAGE_COMMANDS, sessionId, "{not json");
            publish(Topics.MESSAGE_COMMANDS, sessionId, "{\"type\":\"Teleport\",\"schemaVersion\":1}");
            publishCommand(sendCommand(sessionId, user(userId), "after the poison", MessageType.TEXT, "temp-after"));

            List<ConsumerRecord<String, String>> parked = deadLetters.awaitRecords(2, record -> sessionId.equals(record.key()));
            assertThat(parked).extracting(ConsumerRecord::value)
                    .containsExactly("{not json", "{\"type\":\"Teleport\",\"schemaVersion\":1}");
            assertThat(parked.getFirst().headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        }
        await().until(() -> rowsOf(sessionId).size() == 1);
    }

    @Test
    void sendsReceiptsWithoutSessionOrSenderToTheDeadLetterTopicAndCarriesOn() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        String reply = adminSends(sessionId, newUserId(), "reply");
        String noSession = json.writeValueAsString(readCommand(null, user(userId), List.of()));
        String noSender = json.writeValueAsString(deliveredCommand(sessionId, null, List.of(reply)));

        try (TopicReader<String> deadLetters = readTopic(Topics.deadLetterOf(Topics.MESSAGE_COMMANDS))) {
            publish(Topics.MESSAGE_COMMANDS, sessionId, noSession);
            publish(Topics.MESSAGE_COMMANDS, sessionId, noSender);
            publishCommand(readCommand(sessionId, user(userId), List.of()));

            assertThat(deadLetters.awaitRecords(2, forSession(sessionId)))
                    .extracting(record -> new String(record.headers().lastHeader("kafka_dlt-exception-message").value()))
                    .satisfiesExactly(
                            reason -> assertThat(reason).contains("MarkMessagesRead", "no sessionId"),
                            reason -> assertThat(reason).contains("MarkMessagesDelivered", "no sender"));
        }
        await().until(() -> statusOf(reply).equals("read"));
    }

    @Test
    void restAndKafkaRepeatsOfOneTempIdStoreOneMessageAndAllNameIt() throws Exception {
        long userId = newUserId();
        String sessionId = openSession(userId);
        String token = userToken(userId);
        Map<String, Object> body = Map.of("content", "tap tap", "messageType", "text", "tempMessageId", "temp-both");

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            List<Answer> answers = inParallel(6, () -> {
                publishCommand(sendCommand(sessionId, user(userId), "tap tap", MessageType.TEXT, "temp-both"));
                return post(USER_CHAT + sessionId + "/messages", token, body);
            });

            String messageId = answers.getFirst().data().get("messageId").asString();
            assertThat(answers).extracting(answer -> answer.data().get("messageId").asString()).containsOnly(messageId);
            // Every command is answered with a MessageStored of the one message (a REST send that stored it adds one).
            assertThat(events.awaitRecords(6, forSession(sessionId)))
                    .extracting(record -> json.readTree(record.value()).get("messageId").asString())
                    .containsOnly(messageId);
        }
        assertThat(rowsOf(sessionId)).hasSize(1);
    }

    @Test
    void keepsMessageEventsForever() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalStack.shared().kafkaBootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MESSAGE_EVENTS);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);

            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
        }
    }

    @Test
    void sendsAPoisonSessionEventToTheDeadLetterTopicAndCarriesOn() {
        long userId = newUserId();
        String sessionId = newSessionId();

        try (TopicReader<String> deadLetters = readTopic(Topics.deadLetterOf(Topics.SESSION_EVENTS))) {
            publish(Topics.SESSION_EVENTS, sessionId, "[]");
            publish(Topics.SESSION_EVENTS, sessionId, json.writeValueAsString(opened(sessionId, userId))
                    .replace("\"schemaVersion\":1", "\"schemaVersion\":99"));
            publishSessionEvent(opened(sessionId, userId));

            assertThat(deadLetters.awaitRecords(2, record -> sessionId.equals(record.key())))
                    .extracting(ConsumerRecord::value)
                    .first().isEqualTo("[]");
        }
        awaitSessionVersion(sessionId, 1);
    }

    @Test
    void ignoresSessionEventsOlderThanWhatTheViewHolds() {
        long userId = newUserId();
        long adminId = newUserId();
        String sessionId = newSessionId();
        changeSession(sessionId, userId, 3, SessionStatus.CLOSED, adminId);

        try (TopicReader<String> deadLetters = readTopic(Topics.deadLetterOf(Topics.SESSION_EVENTS))) {
            publishSessionEvent(opened(sessionId, userId));
            publishSessionEvent(statusChanged(sessionId, userId, 2, SessionStatus.ACTIVE, adminId));
            // Same key, same partition: once this poison record is parked, the two events before it were consumed.
            publish(Topics.SESSION_EVENTS, sessionId, "barrier");
            deadLetters.awaitRecord(forSession(sessionId));
        }
        assertThat(sessionViews.find(sessionId)).hasValueSatisfying(view -> {
            assertThat(view.status()).isEqualTo(SessionStatus.CLOSED);
            assertThat(view.version()).isEqualTo(3);
            assertThat(view.adminId()).isEqualTo(adminId);
        });
    }

    @Test
    void tempIdsThatDifferOnlyInCaseOrAccentsAreTwoMessages() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        List<String> tempIds = List.of("k1", "K1", "é", "e");

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            tempIds.forEach(tempId -> publishCommand(sendCommand(sessionId, user(userId), "as " + tempId,
                    MessageType.TEXT, tempId)));

            List<JsonNode> announced = events.awaitRecords(tempIds.size(), forSession(sessionId)).stream()
                    .map(record -> json.readTree(record.value()))
                    .toList();
            assertThat(announced).extracting(event -> event.get("type").asString()).containsOnly("MessageStored");
            assertThat(announced).extracting(event -> event.get("tempMessageId").asString())
                    .containsExactlyElementsOf(tempIds);
            assertThat(announced).extracting(event -> event.get("messageId").asString()).doesNotHaveDuplicates();
        }
        assertThat(rowsOf(sessionId)).extracting(row -> row.get("temp_message_id")).containsExactlyElementsOf(tempIds);
    }

    @Test
    void aPollWithSendsTheDatabaseRefusesStoresTheOthersAndRejectsThoseWithTheirCode() {
        List<Long> users = List.of(newUserId(), newUserId(), newUserId(), newUserId());
        List<String> sessions = users.stream().map(this::openSession).toList();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        SendMessage refusedValue = sendCommand(sessions.get(1), user(users.get(1)), "constraint " + marker,
                MessageType.TEXT, "refused-value");
        SendMessage failing = sendCommand(sessions.get(2), user(users.get(2)), "failure " + marker, MessageType.TEXT,
                "failing");
        List<SendMessage> good = List.of(
                sendCommand(sessions.get(0), user(users.get(0)), "fine", MessageType.TEXT, "good-0"),
                sendCommand(sessions.get(3), user(users.get(3)), "fine too", MessageType.TEXT, "good-3"));
        // A constraint the database enforces and an error nobody foresaw, both from the real server.
        execute("""
                CREATE TRIGGER refuse_%1$s BEFORE INSERT ON chat_messages FOR EACH ROW BEGIN
                    IF NEW.content = 'constraint %1$s' THEN SIGNAL SQLSTATE '23000' SET MESSAGE_TEXT = 'refused'; END IF;
                    IF NEW.content = 'failure %1$s' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'failed'; END IF;
                END""".formatted(marker));
        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            publishToOnePartition(List.of(good.get(0), refusedValue, failing, good.get(1)));

            for (SendMessage command : good) {
                JsonNode stored = json.readTree(events.awaitRecord(forSession(command.sessionId())).value());
                assertThat(stored.get("type").asString()).isEqualTo("MessageStored");
                assertThat(stored.get("tempMessageId").asString()).isEqualTo(command.tempMessageId());
                assertThat(rowsOf(command.sessionId())).hasSize(1);
            }
            assertThat(rejectionOf(events, refusedValue).get("errorCode").asInt()).isEqualTo(4000);
            assertThat(rejectionOf(events, failing).get("errorCode").asInt()).isEqualTo(5000);
        }
        finally {
            execute("DROP TRIGGER refuse_" + marker);
        }
        assertThat(rowsOf(refusedValue.sessionId())).isEmpty();
        assertThat(rowsOf(failing.sessionId())).isEmpty();
        String later = sessions.get(1);
        publishCommand(sendCommand(later, user(users.get(1)), "and now?", MessageType.TEXT, "after"));
        await().until(() -> rowsOf(later).size() == 1);
    }

    @Test
    void aReceiptTheDatabaseRefusesIsDeadLetteredAndTheRestOfItsPollApplied() {
        long userId = newUserId();
        long adminId = newUserId();
        String sessionId = openSession(userId);
        String refused = adminSends(sessionId, adminId, "refused receipt");
        String fine = adminSends(sessionId, adminId, "fine receipt");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        execute("""
                CREATE TRIGGER refuse_%s BEFORE UPDATE ON chat_messages FOR EACH ROW BEGIN
                    IF NEW.message_id = '%s' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'failed'; END IF;
                END""".formatted(marker, refused));
        try (TopicReader<String> deadLetters = readTopic(Topics.deadLetterOf(Topics.MESSAGE_COMMANDS))) {
            publishToOnePartition(List.of(
                    deliveredCommand(sessionId, user(userId), List.of(refused)),
                    deliveredCommand(sessionId, user(userId), List.of(fine)),
                    sendCommand(sessionId, user(userId), "thanks", MessageType.TEXT, "thanks")));

            assertThat(deadLetters.awaitRecord(forSession(sessionId)).value()).contains(refused);
            await().until(() -> statusOf(fine).equals("delivered") && rowsOf(sessionId).size() == 3);
        }
        finally {
            execute("DROP TRIGGER refuse_" + marker);
        }
        assertThat(statusOf(refused)).isEqualTo("sent");
    }

    @Test
    void aCommandWaitingForItsSessionHoldsUpNoOtherCommandOfItsPartition() {
        long userId = newUserId();
        String notYetOpen = newSessionId();
        List<SendMessage> early = IntStream.range(0, 8)
                .mapToObj(i -> sendCommand(notYetOpen, user(userId), "early " + i, MessageType.TEXT, "early-" + i))
                .toList();
        long otherUser = newUserId();
        String other = openSession(otherUser);

        publishToOnePartition(early);
        await().until(() -> waitingFor(notYetOpen) == early.size());
        publishToOnePartition(List.of(sendCommand(other, user(otherUser), "meanwhile", MessageType.TEXT, "other")));
        await().until(() -> rowsOf(other).size() == 1);
        assertThat(waitingFor(notYetOpen)).isEqualTo(early.size());

        publishSessionEvent(opened(notYetOpen, userId));
        await().until(() -> rowsOf(notYetOpen).size() == early.size());
        assertThat(rowsOf(notYetOpen)).extracting(row -> row.get("content"))
                .containsExactlyElementsOf(early.stream().map(SendMessage::content).toList());
        assertThat(waitingFor(notYetOpen)).isZero();
    }

    @Test
    void aCommandForAnotherUsersSessionOrAnIdNoSessionCanHaveIsRejectedWithoutWaiting() {
        long userId = newUserId();
        String someoneElses = openSession(newUserId());
        String impossible = "session_" + "9".repeat(120);
        SendMessage intruding = sendCommand(someoneElses, user(userId), "let me in", MessageType.TEXT, "intruding");
        SendMessage nowhere = sendCommand(impossible, user(userId), "hello?", MessageType.TEXT, "nowhere");

        try (TopicReader<String> events = readTopic(Topics.MESSAGE_EVENTS)) {
            publishCommand(intruding);
            publishCommand(nowhere);

            assertThat(rejectionOf(events, intruding).get("errorCode").asInt()).isEqualTo(4004);
            assertThat(rejectionOf(events, nowhere).get("errorCode").asInt()).isEqualTo(4004);
        }
        assertThat(rowsOf(someoneElses)).isEmpty();
        assertThat(waitingFor(someoneElses) + waitingFor(impossible)).isZero();
    }

    @Test
    void aCommandThatFailsWhileTheDatabaseIsAwayIsTriedAgainUntilItIsStored() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        doThrow(new TransientDataAccessResourceException("database away"))
                .doThrow(new TransientDataAccessResourceException("still away"))
                .doCallRealMethod()
                .when(sessionViews).lockAll(argThat(ids -> ids != null && ids.contains(sessionId)));

        publishCommand(sendCommand(sessionId, user(userId), "patience", MessageType.TEXT, "patient"));

        await().until(() -> rowsOf(sessionId).size() == 1);
    }

    @Test
    void aSessionEventTheDatabaseRefusesIsDeadLetteredAndTheNextOneApplied() {
        long userId = newUserId();
        String sessionId = newSessionId();
        String tooLong = "session_" + "1".repeat(120);

        try (TopicReader<String> deadLetters = readTopic(Topics.deadLetterOf(Topics.SESSION_EVENTS))) {
            // Keyed like the next event, so it sits before it in the same partition.
            publish(Topics.SESSION_EVENTS, sessionId, json.writeValueAsString(opened(tooLong, userId)));
            publishSessionEvent(opened(sessionId, userId));

            assertThat(deadLetters.awaitRecord(forSession(sessionId)).value()).contains(tooLong);
        }
        awaitSessionVersion(sessionId, 1);
    }

    private JsonNode rejectionOf(TopicReader<String> events, SendMessage command) {
        JsonNode rejected = json.readTree(events.awaitRecord(record -> record.value().contains(command.commandId()))
                .value());
        assertThat(rejected.get("type").asString()).isEqualTo("MessageRejected");
        assertThat(rejected.get("tempMessageId").asString()).isEqualTo(command.tempMessageId());
        return rejected;
    }

    /** Rows are deleted once Kafka acknowledged them, so what is left of a session in the outbox is not known sent. */
    private long outstandingOutboxRowsOf(String sessionId) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE events LIKE :session")
                .param("session", "%" + sessionId + "%")
                .query(Long.class)
                .single();
    }

    private static SendMessage withAttachments(SendMessage command, List<Attachment> attachments) {
        return new MessageCommand.SendMessage(command.schemaVersion(), command.commandId(), command.sessionId(),
                command.sender(), Instant.now(), command.content(), command.messageType(), command.tempMessageId(),
                attachments);
    }
}
