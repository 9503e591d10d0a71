package com.loyalty.chat.session.lifecycle;

import static com.loyalty.chat.session.Fixtures.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

/**
 * The list's totals are maintained, not counted per request: after every kind of change a session goes through
 * (opened, assigned automatically, claimed, answered, transferred, re-queued, closed by either side), each filter's
 * {@code totalCount} is what counting the sessions says, for every admin.
 */
@ServiceTest
class SessionCountsTest {

    private static final String LIST = "/api/v2/admin/chat/sessions";
    private static final Duration GRACE = Duration.ofSeconds(60);

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    Admin first;
    Admin second;

    @BeforeEach
    void setUp() {
        fixtures.reset();
        first = fixtures.newAdmin(2);
        second = fixtures.newAdmin(5);
    }

    @AfterEach
    void tearDown() {
        fixtures.reset();
    }

    @Test
    void everyFiltersTotalIsTheCountOfItsSessionsThroughEveryKindOfChange() {
        List<UserSession> sessions = Stream.generate(fixtures::newUserSession).limit(6).toList();
        UserSession claimed = sessions.get(0);
        UserSession answered = sessions.get(1);
        UserSession closedByUser = sessions.get(5);
        assertTotalsAreCounts();

        // Claimed, then answered by its holder; a pending one answered directly (an answer claims it).
        api.post(LIST + "/" + claimed.sessionId() + "/claim", first.token(), Map.of());
        assertTotalsAreCounts();
        fixtures.messageStored(claimed.sessionId(), claimed.userId(), SenderType.ADMIN, first.id(), 1, "您好");
        fixtures.awaitSession(claimed.sessionId(), first.token(), "active", first.id());
        fixtures.messageStored(answered.sessionId(), answered.userId(), SenderType.ADMIN, second.id(), 1, "您好");
        fixtures.awaitSession(answered.sessionId(), second.token(), "active", second.id());
        assertTotalsAreCounts();

        // Online, the first admin is given waiting sessions up to their maximum (2: one more), automatically.
        Connection firstConnection = fixtures.bringOnline(first);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixtures.openSessionsHeldBy(first.id())).isEqualTo(2));
        assertTotalsAreCounts();

        // Handed on to the second admin, once connected (who then receives the rest of the queue).
        fixtures.bringOnline(second);
        api.post(LIST + "/" + claimed.sessionId() + "/transfer", first.token(), Map.of("toAdminId", second.id()));
        fixtures.awaitSession(claimed.sessionId(), second.token(), "active", second.id());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pendingCount()).isZero());
        assertTotalsAreCounts();

        // Closed by an admin, and by a user.
        String heldBySecond = jdbc.sql("""
                        SELECT session_id FROM customer_sessions
                         WHERE admin_id = ? AND status = 'assigned' AND session_id <> ? LIMIT 1
                        """)
                .params(second.id(), closedByUser.sessionId()).query(String.class).single();
        api.post(LIST + "/" + heldBySecond + "/close", second.token(), Map.of());
        api.post("/api/v2/chat/sessions/" + closedByUser.sessionId() + "/close", closedByUser.token(), Map.of());
        assertTotalsAreCounts();

        // The first admin leaves: past the grace, what they hold unanswered goes back to the queue.
        fixtures.disconnect(firstConnection);
        fixtures.awaitAdminStatus(first.id(), "offline");
        List<String> unanswered = jdbc.sql(
                        "SELECT session_id FROM customer_sessions WHERE admin_id = ? AND status = 'assigned'")
                .param(first.id()).query(String.class).list();
        clock.advance(GRACE.plusSeconds(1));
        for (String sessionId : unanswered) {
            fixtures.awaitSessionEvent(sessionId, "SessionStatusChanged", "requeued");
        }
        assertTotalsAreCounts();
    }

    /**
     * Each filter's total as the list answers it, for each admin, against a count of the sessions; awaited, because
     * automatic assignment may be committing meanwhile (the two reads are then of different moments).
     */
    private void assertTotalsAreCounts() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (Admin admin : List.of(first, second)) {
                assertThat(total("all", admin)).isEqualTo(count(""));
                assertThat(total("pending", admin)).isEqualTo(count(" WHERE status = 'waiting'"));
                assertThat(total("waiting", admin)).isEqualTo(count(" WHERE status IN ('waiting', 'assigned')"));
                assertThat(total("active", admin)).as("admin %d's own", admin.id())
                        .isEqualTo(count(" WHERE admin_id = " + admin.id() + " AND status IN ('assigned', 'active')"));
                assertThat(total("closed", admin)).isEqualTo(count(" WHERE status = 'closed'"));
            }
        });
    }

    private long total(String status, Admin admin) {
        Api.Reply reply = api.get(LIST + "?status=" + status, admin.token());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.data().get("totalCount").asLong();
    }

    private long count(String where) {
        return jdbc.sql("SELECT COUNT(*) FROM customer_sessions" + where).query(Long.class).single();
    }

    private long pendingCount() {
        return count(" WHERE status = 'waiting'");
    }
}
