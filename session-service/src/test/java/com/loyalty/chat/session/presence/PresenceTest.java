package com.loyalty.chat.session.presence;

import static com.loyalty.chat.session.Fixtures.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.Fixtures;
import com.loyalty.chat.session.Fixtures.Admin;
import com.loyalty.chat.session.Fixtures.Connection;
import com.loyalty.chat.session.Fixtures.UserSession;
import com.loyalty.chat.session.ServiceTest;
import com.loyalty.chat.session.StringProducer;
import com.loyalty.chat.session.TestClock;

import tools.jackson.databind.JsonNode;

/**
 * Presence as the realtime nodes report it. Events of one node share a partition, so a user connection opened after
 * other events serves as a marker: once it shows, the node's earlier events have been handled.
 */
@ServiceTest
class PresenceTest {

    private static final String ADMINS = "/api/v2/admin/chat/admins";
    private static final Duration NODE_TTL = Duration.ofSeconds(30);

    @Autowired
    Api api;

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    Admin admin;

    @BeforeEach
    void setUp() {
        fixtures.reset();
        admin = fixtures.newAdmin(5);
    }

    @AfterEach
    void tearDown() {
        fixtures.reset();
    }

    @Test
    void aUserWithALiveConnectionIsOnlineInTheirSessions() {
        UserSession user = fixtures.newUserSession();

        Connection connection = fixtures.connect("node-a", user.userId(), SenderType.USER);
        awaitOnline(user.sessionId(), true);
        fixtures.disconnect(connection);
        awaitOnline(user.sessionId(), false);
    }

    @Test
    void anAdminIsOnlineWhileAnyOfTheirConnectionsIsLive() {
        Connection first = fixtures.connect("node-a", admin.id(), SenderType.ADMIN);
        Connection second = fixtures.connect("node-a", admin.id(), SenderType.ADMIN);
        fixtures.awaitAdminStatus(admin.id(), "online");

        fixtures.disconnect(first);
        marker("node-a");
        assertThat(fixtures.adminStatus(admin.id())).isEqualTo("online");

        fixtures.disconnect(second);
        fixtures.awaitAdminStatus(admin.id(), "offline");
        assertThat(adminView(admin.id()).get("lastActiveAt").isNull()).isFalse();
    }

    @Test
    void repeatedPresenceEventsSettleOnTheSameAnswer() {
        Connection connection = fixtures.connect("node-a", admin.id(), SenderType.ADMIN);
        fixtures.awaitAdminStatus(admin.id(), "online");

        fixtures.disconnect(connection);
        fixtures.disconnect(connection);
        marker("node-a");

        assertThat(fixtures.adminStatus(admin.id())).isEqualTo("offline");
    }

    @Test
    void aNodeThatStopsTalkingTakesItsUsersAndAdminsOfflineWhileOneThatHeartbeatsKeepsThem() {
        UserSession stranded = fixtures.newUserSession();
        UserSession kept = fixtures.newUserSession();
        fixtures.connect("node-dying", stranded.userId(), SenderType.USER);
        fixtures.connect("node-dying", admin.id(), SenderType.ADMIN);
        fixtures.connect("node-alive", kept.userId(), SenderType.USER);
        awaitOnline(stranded.sessionId(), true);
        awaitOnline(kept.sessionId(), true);
        fixtures.awaitAdminStatus(admin.id(), "online");

        clock.advance(NODE_TTL.dividedBy(2));
        fixtures.heartbeat("node-alive");
        marker("node-alive");
        clock.advance(NODE_TTL.dividedBy(2).plusSeconds(1));

        awaitOnline(stranded.sessionId(), false);
        fixtures.awaitAdminStatus(admin.id(), "offline");
        assertThat(fixtures.session(kept.sessionId(), admin.token()).get("isOnline").asBoolean()).isTrue();
    }

    @Test
    void connectionIdsDifferingOnlyInCaseOrAccentAreDifferentConnections() {
        Connection lower = fixtures.connect("node-a", "conn-" + admin.id() + "-e", admin.id(), SenderType.ADMIN);
        fixtures.connect("node-a", "CONN-" + admin.id() + "-E", admin.id(), SenderType.ADMIN);
        fixtures.connect("node-a", "conn-" + admin.id() + "-é", admin.id(), SenderType.ADMIN);
        fixtures.awaitAdminStatus(admin.id(), "online");

        fixtures.disconnect(lower);
        marker("node-a");

        assertThat(fixtures.adminStatus(admin.id())).as("two of the three connections are still open")
                .isEqualTo("online");
    }

    @Test
    void aNodeRestartedUnderItsIdWithinItsLeaseDropsWhatItsEarlierRunHeld() {
        UserSession user = fixtures.newUserSession();
        fixtures.connect("node-r", user.userId(), SenderType.USER);
        fixtures.connect("node-r", admin.id(), SenderType.ADMIN);
        awaitOnline(user.sessionId(), true);
        fixtures.awaitAdminStatus(admin.id(), "online");

        fixtures.restart("node-r");
        fixtures.heartbeat("node-r");
        marker("node-r");

        assertThat(isOnline(user.sessionId())).isFalse();
        assertThat(fixtures.adminStatus(admin.id())).isEqualTo("offline");
    }

    @Test
    void anAdminWhoseNodeRestartedGetsNoMoreAssignments() {
        Connection lost = fixtures.bringOnline(admin);
        fixtures.restart(lost.nodeId());
        fixtures.heartbeat(lost.nodeId());
        marker(lost.nodeId());
        assertThat(fixtures.adminStatus(admin.id())).isEqualTo("offline");

        String sessionId = fixtures.openSession(api.loginNewUser());
        Admin other = fixtures.newAdmin(5);
        fixtures.bringOnline(other);

        fixtures.awaitSession(sessionId, other.token(), "assigned", other.id());
    }

    @Test
    void theFirstConnectionOfANewRunEndsTheEarlierRunToo() {
        UserSession before = fixtures.newUserSession();
        UserSession after = fixtures.newUserSession();
        fixtures.connect("node-r", before.userId(), SenderType.USER);
        awaitOnline(before.sessionId(), true);

        fixtures.restart("node-r");
        fixtures.connect("node-r", after.userId(), SenderType.USER);

        awaitOnline(after.sessionId(), true);
        assertThat(isOnline(before.sessionId())).isFalse();
    }

    @Test
    void aNewRunTakenInOnePollEndsWhatTheEarlierRunAnnouncedInThatPoll() {
        UserSession before = fixtures.newUserSession();
        UserSession after = fixtures.newUserSession();

        String nodeId = "node-" + UUID.randomUUID();

        inOnePoll(() -> {
            fixtures.connect(nodeId, before.userId(), SenderType.USER);
            fixtures.restart(nodeId);
            fixtures.connect(nodeId, after.userId(), SenderType.USER);
        });

        awaitOnline(after.sessionId(), true);
        assertThat(isOnline(before.sessionId())).isFalse();
    }

    @Test
    void everyConnectionOfAStormTakenInOnePollIsHeldUntilClosed() {
        List<UserSession> users = Stream.generate(fixtures::newUserSession).limit(5).toList();
        List<Connection> opened = new ArrayList<>();

        inOnePoll(() -> {
            users.forEach(user -> opened.add(fixtures.connect("node-s", user.userId(), SenderType.USER)));
            opened.add(fixtures.connect("node-s", admin.id(), SenderType.ADMIN));
            fixtures.disconnect(opened.getFirst());
        });

        fixtures.awaitAdminStatus(admin.id(), "online");
        users.stream().skip(1).forEach(user -> awaitOnline(user.sessionId(), true));
        assertThat(isOnline(users.getFirst().sessionId())).isFalse();
    }

    @Test
    void eventsWithoutARunIdAreOneRunOfTheirOwn() {
        UserSession first = fixtures.newUserSession();
        UserSession second = fixtures.newUserSession();
        UserSession upgraded = fixtures.newUserSession();
        fixtures.connect(new Connection("node-old", null, "conn-" + UUID.randomUUID(), first.userId(),
                SenderType.USER));
        fixtures.connect(new Connection("node-old", null, "conn-" + UUID.randomUUID(), second.userId(),
                SenderType.USER));
        awaitOnline(second.sessionId(), true);
        assertThat(isOnline(first.sessionId())).isTrue();

        fixtures.connect("node-old", upgraded.userId(), SenderType.USER);

        awaitOnline(upgraded.sessionId(), true);
        assertThat(isOnline(first.sessionId())).isFalse();
        assertThat(isOnline(second.sessionId())).isFalse();
    }

    @Test
    void whatANodeDidNotReannounceAfterLosingAnEventIsDropped() {
        UserSession user = fixtures.newUserSession();
        Connection kept = fixtures.connect("node-c", user.userId(), SenderType.USER);
        Connection closed = fixtures.connect("node-c", admin.id(), SenderType.ADMIN);
        awaitOnline(user.sessionId(), true);
        fixtures.awaitAdminStatus(admin.id(), "online");
        fixtures.disconnectSilently(closed);

        fixtures.heartbeat("node-c");
        fixtures.reannounce(kept);
        fixtures.heartbeat("node-c");
        marker("node-c");

        assertThat(fixtures.adminStatus(admin.id())).isEqualTo("offline");
        assertThat(isOnline(user.sessionId())).isTrue();
    }

    @Test
    void aReannouncementTakenInOnePollDropsWhatTheNodeDidNotReannounce() {
        UserSession user = fixtures.newUserSession();
        Connection closed = fixtures.connect("node-c", admin.id(), SenderType.ADMIN);
        fixtures.awaitAdminStatus(admin.id(), "online");

        inOnePoll(() -> {
            Connection kept = fixtures.connect("node-c", user.userId(), SenderType.USER);
            fixtures.disconnectSilently(closed);
            fixtures.heartbeat("node-c");
            fixtures.reannounce(kept);
            fixtures.heartbeat("node-c");
        });

        fixtures.awaitAdminStatus(admin.id(), "offline");
        awaitOnline(user.sessionId(), true);
    }

    @Test
    void heartbeatsReportingFewerConnectionsDropNoneTheNodeDidNotConfirm() {
        UserSession user = fixtures.newUserSession();
        fixtures.connect("node-c", user.userId(), SenderType.USER);
        Connection closed = fixtures.connect("node-c", admin.id(), SenderType.ADMIN);
        awaitOnline(user.sessionId(), true);
        fixtures.awaitAdminStatus(admin.id(), "online");
        fixtures.disconnectSilently(closed);

        fixtures.heartbeat("node-c");
        fixtures.heartbeat("node-c");
        fixtures.heartbeat("node-c");
        marker("node-c");

        assertThat(fixtures.adminStatus(admin.id())).as("which of the two is gone is not known").isEqualTo("online");
        assertThat(isOnline(user.sessionId())).isTrue();
    }

    @Test
    void aRedeliveredAnnouncementConfirmsNothing() {
        UserSession user = fixtures.newUserSession();
        Connection redelivered = fixtures.connect("node-c", user.userId(), SenderType.USER);
        Connection closed = fixtures.connect("node-c", admin.id(), SenderType.ADMIN);
        awaitOnline(user.sessionId(), true);
        fixtures.awaitAdminStatus(admin.id(), "online");
        fixtures.disconnectSilently(closed);

        fixtures.heartbeat("node-c");
        fixtures.redeliverOpening(redelivered);
        fixtures.heartbeat("node-c");
        marker("node-c");

        assertThat(fixtures.adminStatus(admin.id())).as("the node re-announced nothing").isEqualTo("online");
    }

    @Test
    void aNodeReportingNoConnectionTwiceInARowHoldsNone() {
        Connection closed = fixtures.bringOnline(admin);
        fixtures.disconnectSilently(closed);

        fixtures.heartbeat(closed.nodeId());
        fixtures.heartbeat(closed.nodeId());
        marker(closed.nodeId());

        assertThat(fixtures.adminStatus(admin.id())).isEqualTo("offline");
    }

    @Test
    void busyIsTheAdminsChoiceWhileConnected() {
        fixtures.connect("node-a", admin.id(), SenderType.ADMIN);
        fixtures.awaitAdminStatus(admin.id(), "online");

        Api.Reply busy = choose("busy");

        assertThat(busy.status()).isEqualTo(200);
        assertThat(busy.data().get("status").asString()).isEqualTo("busy");
        assertThat(adminView(admin.id()).get("status").asString()).isEqualTo("busy");
        assertThat(choose("online").data().get("status").asString()).isEqualTo("online");
    }

    @Test
    void busyIsForgottenWhenTheAdminLeaves() {
        Connection connection = fixtures.connect("node-a", admin.id(), SenderType.ADMIN);
        fixtures.awaitAdminStatus(admin.id(), "online");
        choose("busy");

        fixtures.disconnect(connection);
        fixtures.awaitAdminStatus(admin.id(), "offline");
        fixtures.connect("node-a", admin.id(), SenderType.ADMIN);

        fixtures.awaitAdminStatus(admin.id(), "online");
    }

    @Test
    void busyChosenWhileDisconnectedAppliesFromTheNextConnection() {
        Api.Reply chosen = choose("busy");

        assertThat(chosen.data().get("status").asString()).isEqualTo("offline");
        fixtures.connect("node-a", admin.id(), SenderType.ADMIN);
        fixtures.awaitAdminStatus(admin.id(), "busy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"status\":\"away\"}", "{\"status\":\"offline\"}", "{}", "{\"status\":1}"})
    void onlyOnlineOrBusyCanBeChosen(String body) {
        Api.Reply reply = api.put(ADMINS + "/me/status", admin.token(), body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo(4000);
        assertThat(reply.msg()).startsWith("status:");
    }

    @Test
    void theAdminListShowsEveryAdminWithStatusAndLoad() {
        fixtures.bringOnline(admin);

        JsonNode admins = api.get(ADMINS, admin.token()).data();

        assertThat(admins.get("totalCount").asInt()).isEqualTo(admins.get("admins").size());
        JsonNode mine = adminView(admin.id());
        assertThat(mine.propertyNames()).containsExactly("adminId", "userId", "nickname", "avatar", "status",
                "currentSessions", "maxSessions", "lastActiveAt");
        assertThat(mine.get("status").asString()).isEqualTo("online");
        assertThat(mine.get("currentSessions").asInt()).isZero();
        assertThat(mine.get("maxSessions").asInt()).isEqualTo(5);
        assertThat(admins.get("admins").get(0).get("status").asString()).as("online admins come first")
                .isEqualTo("online");
        assertThat(admins.get("admins").valueStream().map(it -> it.get("adminId").asLong()))
                .contains(Api.ADMIN_ID);
    }

    @Test
    void unreadablePresenceReportsGoToTheDeadLetterTopic() {
        String unreadable = "{\"type\":\"ConnectionOpened\",\"schemaVersion\":1,\"nodeId\":\"node-a\"}";
        try (StringProducer producer = new StringProducer(bootstrapServers);
             TopicReader<String> deadLetters = TopicReader.fromBeginning(bootstrapServers,
                     Topics.deadLetterOf(Topics.PRESENCE_EVENTS))) {
            producer.send(Topics.PRESENCE_EVENTS, "node-a", unreadable);

            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(r -> unreadable.equals(r.value()));

            assertThat(dead.key()).isEqualTo("node-a");
        }
    }

    @Test
    void aPollOfReportsIsAppliedInTheOrderTheNodesToldThem() {
        Connection before = fixtures.connect("node-a", admin.id(), SenderType.ADMIN);
        fixtures.awaitAdminStatus(admin.id(), "online");
        UserSession user = fixtures.newUserSession();

        inOnePoll(() -> {
            fixtures.disconnect(before);
            fixtures.disconnect(fixtures.connect("node-a", admin.id(), SenderType.ADMIN));
            fixtures.disconnect(fixtures.connect("node-b", user.userId(), SenderType.USER));
            fixtures.connect("node-b", user.userId(), SenderType.USER);
        });

        fixtures.awaitAdminStatus(admin.id(), "offline");
        awaitOnline(user.sessionId(), true);
    }

    @Test
    void anUnreadableReportIsDeadLetteredAndTheRestOfItsPollApplied() {
        UserSession first = fixtures.newUserSession();
        UserSession second = fixtures.newUserSession();
        String unreadable = "{\"type\":\"ConnectionClosed\",\"schemaVersion\":1,\"nodeId\":\"node-a\"}";
        try (StringProducer producer = new StringProducer(bootstrapServers);
             TopicReader<String> deadLetters = TopicReader.fromBeginning(bootstrapServers,
                     Topics.deadLetterOf(Topics.PRESENCE_EVENTS))) {
            inOnePoll(() -> {
                fixtures.connect("node-a", first.userId(), SenderType.USER);
                producer.send(Topics.PRESENCE_EVENTS, "node-a", unreadable);
                fixtures.connect("node-a", second.userId(), SenderType.USER);
            });

            deadLetters.awaitRecord(r -> unreadable.equals(r.value()));
            awaitOnline(first.sessionId(), true);
            awaitOnline(second.sessionId(), true);
        }
    }

    /** The listener holds off while {@code reports} are published, so that it takes them in one poll. */
    private void inOnePoll(Runnable reports) {
        MessageListenerContainer container = listeners.getListenerContainer("presence-events");
        container.pause();
        try {
            await().atMost(PATIENCE).until(container::isContainerPaused);
            reports.run();
        } finally {
            container.resume();
        }
    }

    /** A user connection on the node, opened and awaited: the node's earlier events are handled by then. */
    private void marker(String nodeId) {
        UserSession user = fixtures.newUserSession();
        fixtures.connect(nodeId, user.userId(), SenderType.USER);
        awaitOnline(user.sessionId(), true);
    }

    private boolean isOnline(String sessionId) {
        return fixtures.session(sessionId, admin.token()).get("isOnline").asBoolean();
    }

    private void awaitOnline(String sessionId, boolean online) {
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(fixtures.session(sessionId, admin.token()).get("isOnline").asBoolean()).isEqualTo(online));
    }

    private Api.Reply choose(String status) {
        return api.put(ADMINS + "/me/status", admin.token(), Map.of("status", status));
    }

    private JsonNode adminView(long adminId) {
        return api.get(ADMINS, admin.token()).data().get("admins").valueStream()
                .filter(it -> it.get("adminId").asLong() == adminId)
                .findFirst()
                .orElseThrow();
    }
}
