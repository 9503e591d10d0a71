package com.loyalty.chat.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.Fixtures;
import com.loyalty.chat.session.Fixtures.Admin;
import com.loyalty.chat.session.ServiceTest;

import tools.jackson.databind.JsonNode;

@ServiceTest
class AdminSessionListTest {

    private static final String LIST = "/api/v2/admin/chat/sessions";

    /**
     * Sorts items as the contract orders them: by latest activity, newest first, where a session's activity is its last
     * message's time, or its creation while it has none (a session just opened shows among recent conversations).
     */
    private static final Comparator<JsonNode> CONTRACT_ORDER = Comparator
            .comparing(AdminSessionListTest::lastActivity, Comparator.reverseOrder())
            .thenComparing(item -> item.get("sessionId").asString(), Comparator.reverseOrder());

    @Autowired
    RestTestClient rest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Fixtures fixtures;

    Api api;
    String adminToken;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
        fixtures.reset();
        adminToken = api.login(Api.ADMIN_MOBILE).token();
    }

    @ParameterizedTest
    @ValueSource(strings = {"status=everything", "page=0", "page=abc", "pageSize=0", "pageSize=ten", "page=-1"})
    void invalidQueryIsAnInvalidRequestNamingTheParameter(String query) {
        Api.Reply reply = api.get(LIST + "?" + query, adminToken);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo(4000);
        assertThat(reply.msg()).startsWith(query.substring(0, query.indexOf('=')) + ":");
    }

    @Test
    void pageSizeDefaultsToTen() {
        insertClosedSessions(55);

        Api.Reply byDefault = api.get(LIST + "?status=closed", adminToken);

        assertThat(byDefault.data().get("sessions")).hasSize(10);
    }

    @Test
    void pageSizeIsClampedToFifty() {
        insertClosedSessions(55);

        Api.Reply clamped = api.get(LIST + "?status=closed&pageSize=500", adminToken);

        long total = clamped.data().get("totalCount").asLong();
        assertThat(clamped.data().get("sessions")).hasSize(50);
        assertThat(clamped.data().get("pagination").toString()).isEqualTo(
                "{\"currentPage\":1,\"totalPages\":" + (total + 49) / 50 + ",\"hasMore\":true}");
    }

    @Test
    void pagesFollowOneAnotherWithoutGapsOrRepeats() {
        insertClosedSessions(25);

        List<String> firstTwenty = ids(api.get(LIST + "?status=closed&pageSize=20", adminToken));
        List<String> secondPageOfTen = ids(api.get(LIST + "?status=closed&pageSize=10&page=2", adminToken));

        assertThat(secondPageOfTen).containsExactlyElementsOf(firstTwenty.subList(10, 20));
    }

    /**
     * Pages are found on the filter's index alone and, nearer the end of the list, counted from the end: every page
     * holds exactly what the plain query, counting from the start, gives (a short last page, and none after it).
     */
    @Test
    void everyPageHoldsWhatCountingFromTheStartGives() {
        insertClosedSessions(30);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 20; i++) {
            // One open session per user: twenty users of their own (random ones collided once in CI).
            fixtures.insertSession("waiting", 900_000 + i,
                    now.minusSeconds(i * 7L), i % 3 == 0 ? null : now.minusSeconds(i));
        }
        try {
            for (String status : List.of("pending", "closed", "all")) {
                String where = switch (status) {
                    case "pending" -> " WHERE status = 'waiting'";
                    case "closed" -> " WHERE status = 'closed'";
                    default -> "";
                };
                int pageSize = status.equals("pending") ? 3 : 7;
                long total = api.get(LIST + "?status=" + status, adminToken).data().get("totalCount").asLong();
                assertThat(total).isEqualTo(rowCount(where));
                long pages = (total + pageSize - 1) / pageSize;
                for (long page : pagesToCheck(pages)) {
                    List<String> expected = jdbc.sql("SELECT session_id FROM customer_sessions" + where
                                    + SessionFilter.ORDER + " LIMIT ? OFFSET ?")
                            .params(pageSize, (page - 1) * pageSize)
                            .query(String.class)
                            .list();
                    assertThat(ids(api.get(LIST + "?status=" + status + "&pageSize=" + pageSize + "&page=" + page,
                            adminToken))).as("%s, page %d of %d", status, page, pages).containsExactlyElementsOf(expected);
                }
            }
        } finally {
            fixtures.reset();
        }
    }

    /** Every page and the one after the last, or, for many, the first two, three around the middle and the last two. */
    private static List<Long> pagesToCheck(long pages) {
        if (pages <= 40) {
            return LongStream.rangeClosed(1, pages + 1).boxed().toList();
        }
        long middle = pages / 2;
        return List.of(1L, 2L, middle - 1, middle, middle + 1, pages - 1, pages, pages + 1);
    }

    @Test
    void pageAfterTheLastIsEmpty() {
        Api.Reply reply = api.get(LIST + "?page=100000", adminToken);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.data().get("sessions")).isEmpty();
        assertThat(reply.data().get("pagination").get("currentPage").asInt()).isEqualTo(100000);
        assertThat(reply.data().get("pagination").get("hasMore").asBoolean()).isFalse();
    }

    /**
     * One session in each situation the filters tell apart, from the calling admin's point of view. The queue was
     * emptied first, so the open ones are the only open sessions; the newest of all sessions are on the first page.
     */
    @Test
    void eachFilterSelectsWhatTheContractSays() {
        Admin me = fixtures.newAdmin(5);
        Admin other = fixtures.newAdmin(5);
        String pending = fixtures.openSession(api.loginNewUser());
        String mineAssigned = claimed(me);
        String mineActive = answered(me);
        String othersAssigned = claimed(other);
        String othersActive = answered(other);
        Api.LoggedIn leaving = api.loginNewUser();
        String closed = fixtures.openSession(leaving);
        api.post("/api/v2/chat/sessions/" + closed + "/close", leaving.token(), Map.of());
        List<String> all = List.of(pending, mineAssigned, mineActive, othersAssigned, othersActive, closed);

        assertThat(firstPage("all", me)).containsAll(all);
        assertThat(firstPage("pending", me)).containsExactly(pending);
        assertThat(firstPage("waiting", me)).containsExactlyInAnyOrder(pending, mineAssigned, othersAssigned);
        assertThat(firstPage("active", me)).containsExactlyInAnyOrder(mineAssigned, mineActive);
        assertThat(firstPage("active", other)).containsExactlyInAnyOrder(othersAssigned, othersActive);
        assertThat(firstPage("closed", me)).contains(closed).doesNotContainAnyElementsOf(all.subList(0, 5));
        assertThat(api.get(LIST + "?status=pending", me.token()).data().get("totalCount").asLong()).isEqualTo(1);
        assertThat(api.get(LIST + "?status=waiting", me.token()).data().get("totalCount").asLong()).isEqualTo(3);
        assertThat(api.get(LIST + "?status=active", me.token()).data().get("totalCount").asLong()).isEqualTo(2);
        assertThat(api.get(LIST + "?status=all", me.token()).data().get("totalCount").asLong())
                .isEqualTo(rowCount(""));
        assertThat(api.get(LIST + "?status=closed", me.token()).data().get("totalCount").asLong())
                .isEqualTo(rowCount(" WHERE status = 'closed'"));
    }

    private long rowCount(String where) {
        return jdbc.sql("SELECT COUNT(*) FROM customer_sessions" + where).query(Long.class).single();
    }

    @Test
    void listIsOrderedByLastMessageElseCreationNewestFirst() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        insertClosedSession(now.minusSeconds(300), now.minusSeconds(10));
        insertClosedSession(now.minusSeconds(200), null);
        insertClosedSession(now.minusSeconds(100), now.minusSeconds(50));

        List<JsonNode> items = api.get(LIST + "?status=closed&pageSize=50", adminToken).data().get("sessions")
                .valueStream().toList();

        assertThat(items).isSortedAccordingTo(CONTRACT_ORDER);
    }

    @Test
    void aNewMessageMovesItsSessionToTheTop() {
        Api.LoggedIn older = api.loginNewUser();
        String olderSession = fixtures.openSession(older);
        String newerSession = fixtures.openSession(api.loginNewUser());
        assertThat(firstPage("pending", null)).containsExactly(newerSession, olderSession);

        fixtures.messageStored(olderSession, older.userId(), SenderType.USER, older.userId(), 1, "有人吗");

        await().atMost(Fixtures.PATIENCE).untilAsserted(() ->
                assertThat(firstPage("pending", null)).containsExactly(olderSession, newerSession));
    }

    private String claimed(Admin admin) {
        String sessionId = fixtures.openSession(api.loginNewUser());
        api.post(LIST + "/" + sessionId + "/claim", admin.token(), Map.of());
        return sessionId;
    }

    private String answered(Admin admin) {
        Api.LoggedIn user = api.loginNewUser();
        String sessionId = fixtures.openSession(user);
        fixtures.messageStored(sessionId, user.userId(), SenderType.ADMIN, admin.id(), 1, "您好");
        fixtures.awaitSession(sessionId, admin.token(), "active", admin.id());
        return sessionId;
    }

    /** {@code admin} null: the seeded admin. */
    private List<String> firstPage(String status, Admin admin) {
        return ids(api.get(LIST + "?pageSize=50&status=" + status, admin == null ? adminToken : admin.token()));
    }

    private static List<String> ids(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.data().get("sessions").valueStream().map(item -> item.get("sessionId").asString()).toList();
    }

    private void insertClosedSessions(int count) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < count; i++) {
            insertClosedSession(now.minusSeconds(i), null);
        }
    }

    private void insertClosedSession(Instant createdAt, Instant lastMessageAt) {
        fixtures.insertSession("closed", 900_000 + ThreadLocalRandom.current().nextInt(100_000), createdAt,
                lastMessageAt);
    }

    private static Instant lastActivity(JsonNode item) {
        JsonNode lastMessageTime = item.get("lastMessageTime");
        return Instant.parse((lastMessageTime.isNull() ? item.get("createdAt") : lastMessageTime).asString());
    }
}
