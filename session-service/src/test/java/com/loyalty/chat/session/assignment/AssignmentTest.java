package com.loyalty.chat.session.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.Fixtures;
import com.loyalty.chat.session.Fixtures.Admin;
import com.loyalty.chat.session.Fixtures.Connection;
import com.loyalty.chat.session.Fixtures.UserSession;
import com.loyalty.chat.session.ServiceTest;
import com.loyalty.chat.session.TestClock;
import com.loyalty.chat.session.lifecycle.SessionQueue;

import tools.jackson.databind.JsonNode;

/**
 * Automatic assignment and re-queueing. Each test starts with an empty queue and nobody online. Where a test must show
 * that something is not assigned, it runs the assigner itself first: once that run is over, anything it could assign
 * is assigned.
 */
@ServiceTest
class AssignmentTest {

    private static final Duration GRACE = Duration.ofSeconds(60);

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    Assigner assigner;

    @Autowired
    SessionQueue queue;

    @Autowired
    Requeuer requeuer;

    @BeforeEach
    void setUp() {
        fixtures.reset();
    }

    @AfterEach
    void tearDown() {
        fixtures.reset();
    }

    @Test
    void aNewSessionGoesToTheOnlineAdminWithTheMostFreeCapacity() {
        Admin loaded = fixtures.newAdmin(5);
        Admin free = fixtures.newAdmin(3);
        holdSessions(loaded, 3);
        fixtures.bringOnline(loaded);
        fixtures.bringOnline(free);

        String sessionId = fixtures.openSession(api.loginNewUser());

        fixtures.awaitSession(sessionId, free.token(), "assigned", free.id());
        JsonNode event = fixtures.awaitSessionEvent(sessionId, "SessionStatusChanged", "assigned");
        assertThat(event.get("oldStatus").asString()).isEqualTo("waiting");
        assertThat(event.get("admin").get("userId").asLong()).isEqualTo(free.id());
        JsonNode logged = fixtures.lastOperation(sessionId, free.token());
        assertThat(logged.get("action").asString()).isEqualTo("assign");
        assertThat(logged.get("operatorType").asString()).isEqualTo("system");
        assertThat(logged.get("operatorId").isNull()).isTrue();
        assertThat(logged.get("toAdminId").asLong()).isEqualTo(free.id());
    }

    @Test
    void betweenEquallyFreeAdminsTheOneWhoWaitedLongestSinceTheirLastSessionGetsIt() {
        Admin recent = fixtures.newAdmin(5);
        Admin longWaiting = fixtures.newAdmin(5);
        lastAssignedAt(recent, clock.instant().minusSeconds(10));
        lastAssignedAt(longWaiting, clock.instant().minusSeconds(3600));
        fixtures.bringOnline(recent);
        fixtures.bringOnline(longWaiting);

        String sessionId = fixtures.openSession(api.loginNewUser());

        fixtures.awaitSession(sessionId, longWaiting.token(), "assigned", longWaiting.id());
    }

    @Test
    void withNobodyOnlineASessionWaitsAndGoesToTheFirstAdminToConnect() {
        Admin admin = fixtures.newAdmin(5);
        String sessionId = fixtures.openSession(api.loginNewUser());
        assigner.assignWhilePossible();
        assertThat(fixtures.session(sessionId, admin.token()).get("status").asString()).isEqualTo("waiting");

        fixtures.bringOnline(admin);

        fixtures.awaitSession(sessionId, admin.token(), "assigned", admin.id());
    }

    @Test
    void aBusyAdminGetsNothingNewUntilTheyAreOnlineAgain() {
        Admin admin = fixtures.newAdmin(5);
        fixtures.bringOnline(admin);
        api.put("/api/v2/admin/chat/admins/me/status", admin.token(), Map.of("status", "busy"));
        String sessionId = fixtures.openSession(api.loginNewUser());
        assigner.assignWhilePossible();
        assertThat(fixtures.session(sessionId, admin.token()).get("status").asString()).isEqualTo("waiting");

        api.put("/api/v2/admin/chat/admins/me/status", admin.token(), Map.of("status", "online"));

        fixtures.awaitSession(sessionId, admin.token(), "assigned", admin.id());
    }

    @Test
    void aFullAdminGetsNothingUntilClosingASessionFreesCapacity() {
        Admin admin = fixtures.newAdmin(1);
        fixtures.bringOnline(admin);
        String first = fixtures.openSession(api.loginNewUser());
        fixtures.awaitSession(first, admin.token(), "assigned", admin.id());
        String second = fixtures.openSession(api.loginNewUser());
        assigner.assignWhilePossible();
        assertThat(fixtures.session(second, admin.token()).get("status").asString()).isEqualTo("waiting");

        api.post("/api/v2/admin/chat/sessions/" + first + "/close", admin.token(), Map.of());

        fixtures.awaitSession(second, admin.token(), "assigned", admin.id());
        assertThat(fixtures.currentSessions(admin.id())).isEqualTo(1);
    }

    @Test
    void fiftyParallelAssignmentsToOneAdminStopExactlyAtTheirMaximum() throws Exception {
        Admin admin = fixtures.newAdmin(5);
        markOnline(admin);
        insertWaitingSessions(50);

        List<SessionQueue.Outcome> outcomes = inParallel(50, () -> queue.assignNextWaiting(admin.id()));

        assertThat(outcomes).filteredOn(SessionQueue.Outcome.ASSIGNED::equals).hasSize(5);
        assertThat(fixtures.openSessionsHeldBy(admin.id())).isEqualTo(5);
        assertThat(fixtures.currentSessions(admin.id())).isEqualTo(5);
        assertThat(waitingCount()).isEqualTo(45);
    }

    @Test
    void fiftyParallelAssignmentRunsFillEveryAdminToTheirMaximumAndNoFurther() throws Exception {
        List<Admin> admins = List.of(fixtures.newAdmin(5), fixtures.newAdmin(3), fixtures.newAdmin(2));
        admins.forEach(this::markOnline);
        insertWaitingSessions(50);

        inParallel(50, () -> {
            assigner.assignWhilePossible();
            return null;
        });

        for (Admin admin : admins) {
            int max = jdbc.sql("SELECT max_sessions FROM admin_statuses WHERE admin_id = ?").param(admin.id())
                    .query(Integer.class).single();
            assertThat(fixtures.openSessionsHeldBy(admin.id())).isEqualTo(max);
            assertThat(fixtures.currentSessions(admin.id())).isEqualTo(max);
        }
        assertThat(waitingCount()).isEqualTo(40);
    }

    @Test
    void anOfflineAdminsUnansweredSessionsAreRequeuedAfterTheGraceAndGoToSomeoneElse() {
        Admin leaving = fixtures.newAdmin(5);
        Admin colleague = fixtures.newAdmin(5);
        Connection connection = fixtures.bringOnline(leaving);
        UserSession answered = fixtures.newUserSession();
        String unanswered = fixtures.openSession(api.loginNewUser());
        fixtures.awaitSession(unanswered, leaving.token(), "assigned", leaving.id());
        fixtures.awaitSession(answered.sessionId(), leaving.token(), "assigned", leaving.id());
        fixtures.messageStored(answered.sessionId(), answered.userId(), SenderType.ADMIN, leaving.id(), 1, "您好");
        fixtures.awaitSession(answered.sessionId(), leaving.token(), "active", leaving.id());
        fixtures.disconnect(connection);
        fixtures.awaitAdminStatus(leaving.id(), "offline");

        // Connecting the colleague only afterwards: moving the clock also ends the lease of every node that was quiet.
        clock.advance(GRACE.plusSeconds(1));
        fixtures.awaitSession(unanswered, colleague.token(), "waiting", null);
        fixtures.bringOnline(colleague);

        fixtures.awaitSession(unanswered, colleague.token(), "assigned", colleague.id());
        assertThat(fixtures.session(answered.sessionId(), colleague.token()).get("adminId").asLong())
                .isEqualTo(leaving.id());
        JsonNode requeued = fixtures.awaitSessionEvent(unanswered, "SessionStatusChanged", "requeued");
        assertThat(requeued.get("oldStatus").asString()).isEqualTo("assigned");
        assertThat(requeued.get("newStatus").asString()).isEqualTo("waiting");
        assertThat(requeued.get("admin").isNull()).isTrue();
        JsonNode log = api.get("/api/v2/admin/chat/operation-logs?sessionId=" + unanswered, colleague.token()).data()
                .get("logs");
        assertThat(log.valueStream().map(entry -> entry.get("action").asString()))
                .containsExactly("assign", "requeue", "assign");
        assertThat(log.get(1).get("fromAdminId").asLong()).isEqualTo(leaving.id());
        assertThat(fixtures.currentSessions(leaving.id())).isEqualTo(1);
    }

    @Test
    void anAdminBackWithinTheGraceKeepsTheirSessions() {
        Admin admin = fixtures.newAdmin(5);
        Connection connection = fixtures.bringOnline(admin);
        String sessionId = fixtures.openSession(api.loginNewUser());
        fixtures.awaitSession(sessionId, admin.token(), "assigned", admin.id());
        fixtures.disconnect(connection);
        fixtures.awaitAdminStatus(admin.id(), "offline");

        clock.advance(GRACE.minusSeconds(10));
        fixtures.bringOnline(admin);
        clock.advance(GRACE);
        // The scheduled requeuer may be mid-run; a run of our own has certainly seen the admin back.
        requeuer.requeueAbsentHolders();

        assertThat(fixtures.session(sessionId, admin.token()).get("adminId").asLong()).isEqualTo(admin.id());
    }

    private void holdSessions(Admin admin, int count) {
        for (int i = 0; i < count; i++) {
            String sessionId = fixtures.openSession(api.loginNewUser());
            api.post("/api/v2/admin/chat/sessions/" + sessionId + "/claim", admin.token(), Map.of());
        }
        assertThat(fixtures.currentSessions(admin.id())).isEqualTo(count);
    }

    /** Online without a connection, so that no trigger runs the assigner: the test's threads are the only ones. */
    private void markOnline(Admin admin) {
        fixtures.inTransaction(() -> jdbc.sql("UPDATE admin_statuses SET status = 'online' WHERE admin_id = ?")
                .param(admin.id()).update());
    }

    private void lastAssignedAt(Admin admin, Instant at) {
        fixtures.inTransaction(() -> jdbc.sql("UPDATE admin_statuses SET last_assigned_at = ? WHERE admin_id = ?")
                .params(at, admin.id()).update());
    }

    /** Waiting sessions written directly, so that no SessionOpened triggers an assignment run of the service's own. */
    private void insertWaitingSessions(int count) {
        for (int i = 0; i < count; i++) {
            fixtures.insertSession("waiting", 800_000 + i, clock.instant(), null);
        }
    }

    private int waitingCount() {
        return jdbc.sql("SELECT COUNT(*) FROM customer_sessions WHERE status = 'waiting'").query(Integer.class)
                .single();
    }

    private static <T> List<T> inParallel(int threads, Callable<T> work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
