package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;

import tools.jackson.databind.JsonNode;

/**
 * CONTRACT.md session rows through the gateway: the diner's one open session, claim, transfer, close, rating,
 * the admin list's read model (last message, counts, unread, online), admin status and the operation log.
 */
class SessionFlowsIT {

    private static final String ADMIN_PATH = "/api/v2/admin/chat";

    private final String gateway = SystemUnderTest.gatewayUrl();
    private final Api api = new Api(gateway);

    /** The session {@link #claimedSession} set up, closed after the test so the seeded admin's load stays as it was. */
    private Held claimed;

    @AfterEach
    void closeTheClaimedSession() {
        if (claimed != null) {
            api.post(ADMIN_PATH + "/sessions/" + claimed.sessionId() + "/close", claimed.admin(), "{}");
        }
    }

    @Test
    void aDinerHasOneOpenSessionWhateverTheyAsk() {
        String user = api.login(IdentityIT.freshMobile());

        Api.Answer created = api.post("/api/v2/chat/sessions", user, "{}");
        Api.Answer again = api.post("/api/v2/chat/sessions", user, "{}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        String sessionId = created.data().path("sessionId").asString();
        assertThat(sessionId).matches("session_\\d+_[0-9a-f]{8}");
        assertThat(again.data().path("sessionId").asString()).isEqualTo(sessionId);
        assertThat(api.get("/api/v2/chat/sessions", user).data().path("sessions").findValuesAsString("sessionId"))
                .containsExactly(sessionId);
    }

    @Test
    void anAdminClaimsAPendingSession() {
        Held held = claimedSession();

        JsonNode session = api.get(ADMIN_PATH + "/sessions/" + held.sessionId(), held.admin()).data();
        assertThat(session.path("adminId").asLong()).isEqualTo(31);
        assertThat(session.path("status").asString()).isIn("assigned", "active");
    }

    @Test
    void anOpenSessionCannotBeRated() {
        Held held = claimedSession();

        ErrorTableIT.assertError(api.post("/api/v2/chat/sessions/" + held.sessionId() + "/rating", held.user(),
                "{\"score\":5}"), 409, 4009);
    }

    @Test
    void theHolderClosesTheSession() {
        Held held = closedSession();

        assertThat(api.get(ADMIN_PATH + "/sessions/" + held.sessionId(), held.admin()).data().path("status").asString())
                .isEqualTo("closed");
    }

    @Test
    void claimingReplyingToOrClosingAClosedSessionIsAConflict() {
        Held held = closedSession();

        ErrorTableIT.assertError(api.post(ADMIN_PATH + "/sessions/" + held.sessionId() + "/claim", held.admin(), "{}"),
                409, 4009);
        // message-service refuses once its view of the session has the close: a reply that races the close by less
        // than the event's way there is accepted (message-service's sessionview), so the test waits for the refusal.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ErrorTableIT.assertError(
                api.post(ADMIN_PATH + "/sessions/" + held.sessionId() + "/messages", held.admin(),
                        "{\"content\":\"太晚了\",\"messageType\":\"text\"}"), 409, 4009));
        ErrorTableIT.assertError(api.post("/api/v2/chat/sessions/" + held.sessionId() + "/close", held.user(), "{}"),
                409, 4009);
    }

    @Test
    void aScoreOutsideOneToFiveIsAnInvalidRating() {
        Held held = closedSession();

        ErrorTableIT.assertError(api.post("/api/v2/chat/sessions/" + held.sessionId() + "/rating", held.user(),
                "{\"score\":6}"), 400, 4000);
    }

    @Test
    void aClosedSessionIsRatedOnce() {
        Held held = closedSession();

        assertThat(api.post("/api/v2/chat/sessions/" + held.sessionId() + "/rating", held.user(),
                "{\"score\":5,\"comment\":\"很快就解决了\"}").status()).isEqualTo(200);
        ErrorTableIT.assertError(api.post("/api/v2/chat/sessions/" + held.sessionId() + "/rating", held.user(),
                "{\"score\":4}"), 409, 4009);
    }

    @Test
    void claimAndCloseAreInTheOperationLog() {
        Held held = closedSession();

        JsonNode log = api.get(ADMIN_PATH + "/operation-logs?sessionId=" + held.sessionId(), held.admin()).data();
        assertThat(log.toString()).contains("claim").contains("close");
    }

    @Test
    void aClosedSessionFreesTheDinerToOpenANewOne() {
        Held held = closedSession();

        String next = api.post("/api/v2/chat/sessions", held.user(), "{}").data().path("sessionId").asString();
        assertThat(next).as("a closed session frees the diner to open a new one").isNotEqualTo(held.sessionId());
    }

    @Test
    void aDinerCanCloseTheirOwnSessionButNotAnothers() {
        String owner = api.login(IdentityIT.freshMobile());
        String stranger = api.login(IdentityIT.freshMobile());
        String sessionId = api.post("/api/v2/chat/sessions", owner, "{}").data().path("sessionId").asString();

        ErrorTableIT.assertError(api.post("/api/v2/chat/sessions/" + sessionId + "/close", stranger, "{}"), 404, 4004);
        assertThat(api.post("/api/v2/chat/sessions/" + sessionId + "/close", owner, "{}").status()).isEqualTo(200);
        assertThat(api.get("/api/v2/chat/sessions", owner).data().path("sessions").get(0).path("status").asString())
                .isEqualTo("closed");
    }

    @Test
    void anAdminHandsASessionToAnotherOnlineAdminAndOnlyTheHolderMayTransfer() {
        String user = api.login(IdentityIT.freshMobile());
        String first = api.login("13612227930");
        String second = api.login("13612227931");
        String sessionId = api.post("/api/v2/chat/sessions", user, "{}").data().path("sessionId").asString();
        assertThat(api.post(ADMIN_PATH + "/sessions/" + sessionId + "/claim", first, "{}").status()).isEqualTo(200);

        try (TestSocket secondConsole = TestSocket.connect(gateway, "/ws", second)) {
            secondConsole.awaitFrame("connection_established");
            await().atMost(Duration.ofSeconds(30)).until(() -> statusOfAdmin(33, first), "online"::equals);

            Api.Answer transferred = api.post(ADMIN_PATH + "/sessions/" + sessionId + "/transfer", first,
                    "{\"toAdminId\":33}");
            assertThat(transferred.status()).isEqualTo(200);
            assertThat(api.get(ADMIN_PATH + "/sessions/" + sessionId, first).data().path("adminId").asLong())
                    .isEqualTo(33);
            ErrorTableIT.assertError(api.post(ADMIN_PATH + "/sessions/" + sessionId + "/transfer", first,
                    "{\"toAdminId\":33}"), 409, 4009);
            ErrorTableIT.assertError(api.post(ADMIN_PATH + "/sessions/" + sessionId + "/claim", first, "{}"),
                    409, 4009);
            ErrorTableIT.assertError(api.post(ADMIN_PATH + "/sessions/" + sessionId + "/transfer", second,
                    "{\"toAdminId\":32}"), 400, 4000);
            assertThat(api.get(ADMIN_PATH + "/operation-logs?sessionId=" + sessionId, first).data().toString())
                    .contains("transfer");
        }
        // Offline again before the next test opens a session, which assignment could otherwise hand to admin 33.
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOfAdmin(33, first), "offline"::equals);
    }

    @Test
    void theAdminListShowsLastMessageCountsUnreadAndOnline() {
        String userToken = api.login(IdentityIT.freshMobile());
        String admin = api.login("13612227930");
        String sessionId = api.post("/api/v2/chat/sessions", userToken, "{}").data().path("sessionId").asString();
        api.post("/api/v2/chat/sessions/" + sessionId + "/messages", userToken,
                "{\"content\":\"第一条\",\"messageType\":\"text\"}");
        api.post("/api/v2/chat/sessions/" + sessionId + "/messages", userToken,
                "{\"content\":\"第二条\",\"messageType\":\"text\"}");

        JsonNode item = await().atMost(Duration.ofSeconds(30)).until(() -> itemOf(sessionId, admin),
                found -> found != null && found.path("messageCount").asInt() == 2);
        assertThat(item.path("unreadCount").asInt()).isEqualTo(2);
        assertThat(item.path("lastMessage").path("content").asString()).isEqualTo("第二条");
        assertThat(item.path("lastMessage").path("senderType").asString()).isEqualTo("user");
        assertThat(item.path("lastMessageTime").asString()).endsWith("Z");
        assertThat(item.path("userInfo").has("mobile")).isTrue();
        assertThat(item.path("isOnline").asBoolean()).isFalse();

        try (TestSocket user = TestSocket.connect(gateway, "/ws", userToken)) {
            user.awaitFrame("connection_established");
            await().atMost(Duration.ofSeconds(30)).until(() -> itemOf(sessionId, admin).path("isOnline").asBoolean());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !itemOf(sessionId, admin).path("isOnline").asBoolean());

        assertThat(api.post(ADMIN_PATH + "/sessions/" + sessionId + "/read", admin, "{}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> itemOf(sessionId, admin).path("unreadCount").asInt() == 0);
    }

    @Test
    void listFiltersPageSizeClampingAndBadValues() {
        String admin = api.login("13612227930");
        Api.Answer clamped = api.get(ADMIN_PATH + "/sessions?status=all&pageSize=500", admin);
        assertThat(clamped.status()).isEqualTo(200);
        assertThat(clamped.data().path("sessions").size()).isLessThanOrEqualTo(50);
        JsonNode pagination = clamped.data().path("pagination");
        assertThat(pagination.has("currentPage")).isTrue();
        assertThat(pagination.has("totalPages")).isTrue();
        assertThat(pagination.has("hasMore")).isTrue();
        for (String status : new String[] {"all", "pending", "waiting", "active", "closed"}) {
            assertThat(api.get(ADMIN_PATH + "/sessions?status=" + status, admin).status()).as(status).isEqualTo(200);
        }
        ErrorTableIT.assertError(api.get(ADMIN_PATH + "/sessions?pageSize=0", admin), 400, 4000);
        ErrorTableIT.assertError(api.get(ADMIN_PATH + "/sessions?page=x", admin), 400, 4000);
    }

    @Test
    void adminsListTheirStatusAndCanGoBusy() {
        String admin = api.login("13612227930");
        try (TestSocket console = TestSocket.connect(gateway, "/ws", admin)) {
            console.awaitFrame("connection_established");
            await().atMost(Duration.ofSeconds(30)).until(() -> statusOfAdmin(31, admin), "online"::equals);

            assertThat(api.put(ADMIN_PATH + "/admins/me/status", admin, "{\"status\":\"busy\"}").status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> statusOfAdmin(31, admin), "busy"::equals);
            ErrorTableIT.assertError(api.put(ADMIN_PATH + "/admins/me/status", admin, "{\"status\":\"away\"}"),
                    400, 4000);
            assertThat(api.put(ADMIN_PATH + "/admins/me/status", admin, "{\"status\":\"online\"}").status())
                    .isEqualTo(200);
        }
    }

    private String statusOfAdmin(long adminId, String token) {
        for (JsonNode entry : api.get(ADMIN_PATH + "/admins", token).data().path("admins")) {
            if (entry.path("adminId").asLong() == adminId) {
                assertThat(entry.path("maxSessions").asInt()).isPositive();
                assertThat(entry.has("currentSessions")).isTrue();
                return entry.path("status").asString();
            }
        }
        return null;
    }

    private JsonNode itemOf(String sessionId, String admin) {
        return api.get(ADMIN_PATH + "/sessions/" + sessionId, admin).data();
    }

    /** A new diner's session, claimed by the seeded admin (userId 31). */
    private Held claimedSession() {
        String user = api.login(IdentityIT.freshMobile());
        String admin = api.login("13612227930");
        String sessionId = api.post("/api/v2/chat/sessions", user, "{}").data().path("sessionId").asString();
        assertThat(api.post(ADMIN_PATH + "/sessions/" + sessionId + "/claim", admin, "{}").status()).isEqualTo(200);
        claimed = new Held(user, admin, sessionId);
        return claimed;
    }

    /** A claimed session, then closed by the admin who holds it. */
    private Held closedSession() {
        Held held = claimedSession();
        assertThat(api.post(ADMIN_PATH + "/sessions/" + held.sessionId() + "/close", held.admin(), "{}").status())
                .isEqualTo(200);
        return held;
    }

    /** The diner's and the admin's tokens, and the session between them. */
    private record Held(String user, String admin, String sessionId) {
    }
}
