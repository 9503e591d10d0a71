package com.loyalty.chat.session.lifecycle;

import static com.loyalty.chat.session.Fixtures.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.Fixtures;
import com.loyalty.chat.session.Fixtures.Admin;
import com.loyalty.chat.session.ServiceTest;

import tools.jackson.databind.JsonNode;

/** Every transition of a session by hand, and every refusal the contract names. No admin is online: nothing assigns. */
@ServiceTest
class SessionLifecycleTest {

    private static final String ADMIN_SESSIONS = "/api/v2/admin/chat/sessions/";
    private static final String USER_SESSIONS = "/api/v2/chat/sessions/";

    @Autowired
    RestTestClient rest;

    @Autowired
    Fixtures fixtures;

    Api api;
    Admin admin;
    Admin colleague;
    Api.LoggedIn user;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
        fixtures.reset();
        admin = fixtures.newAdmin(5);
        colleague = fixtures.newAdmin(5);
        user = api.loginNewUser();
    }

    @AfterEach
    void tearDown() {
        fixtures.reset();
    }

    @Test
    void claimingAPendingSessionAssignsItToTheCaller() {
        String sessionId = fixtures.openSession(user);

        Api.Reply claimed = act(sessionId, "claim", admin);

        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.data().get("status").asString()).isEqualTo("assigned");
        assertThat(claimed.data().get("adminId").asLong()).isEqualTo(admin.id());
        assertThat(fixtures.currentSessions(admin.id())).isEqualTo(1);
    }

    @Test
    void aClaimIsAnnounced() {
        String sessionId = fixtures.openSession(user);

        act(sessionId, "claim", admin);

        JsonNode event = fixtures.awaitSessionEvent(sessionId, "SessionStatusChanged", "claimed");
        assertThat(event.get("oldStatus").asString()).isEqualTo("waiting");
        assertThat(event.get("newStatus").asString()).isEqualTo("assigned");
        assertThat(event.get("admin").get("userId").asLong()).isEqualTo(admin.id());
        assertThat(event.get("userId").asLong()).isEqualTo(user.userId());
        assertThat(event.get("sessionVersion").asLong()).isEqualTo(fixtures.versionOf(sessionId));
    }

    @Test
    void aClaimIsLogged() {
        String sessionId = fixtures.openSession(user);

        act(sessionId, "claim", admin);

        JsonNode logged = fixtures.lastOperation(sessionId, admin.token());
        assertThat(logged.get("action").asString()).isEqualTo("claim");
        assertThat(logged.get("operatorType").asString()).isEqualTo("admin");
        assertThat(logged.get("operatorId").asLong()).isEqualTo(admin.id());
        assertThat(logged.get("fromStatus").asString()).isEqualTo("waiting");
        assertThat(logged.get("toStatus").asString()).isEqualTo("assigned");
    }

    @Test
    void claimingOnesOwnSessionAgainChangesNothing() {
        String sessionId = fixtures.openSession(user);
        act(sessionId, "claim", admin);
        long version = fixtures.versionOf(sessionId);

        Api.Reply again = act(sessionId, "claim", admin);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().get("adminId").asLong()).isEqualTo(admin.id());
        assertThat(fixtures.versionOf(sessionId)).isEqualTo(version);
    }

    @Test
    void claimingASessionHeldByAnotherAdminIsAConflict() {
        String sessionId = fixtures.openSession(user);
        act(sessionId, "claim", admin);

        assertConflict(act(sessionId, "claim", colleague));
        assertThat(fixtures.session(sessionId, admin.token()).get("adminId").asLong()).isEqualTo(admin.id());
    }

    @Test
    void everyAdminActionOnAClosedSessionIsAConflict() {
        String sessionId = fixtures.openSession(user);
        act(sessionId, "claim", admin);
        fixtures.bringOnline(colleague);
        act(sessionId, "close", admin);

        assertConflict(act(sessionId, "claim", admin));
        assertConflict(act(sessionId, "close", admin));
        assertConflict(transfer(sessionId, admin, colleague.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"claim", "close", "transfer"})
    void adminActionOnAnUnknownSessionIsNotFound(String action) {
        Api.Reply reply = api.post(ADMIN_SESSIONS + "session_1_deadbeef/" + action, admin.token(),
                Map.of("toAdminId", colleague.id()));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo(4004);
    }

    @Test
    void transferHandsTheSessionToAConnectedColleagueKeepingItsState() {
        String sessionId = fixtures.openSession(user);
        act(sessionId, "claim", admin);
        fixtures.bringOnline(colleague);

        Api.Reply transferred = transfer(sessionId, admin, colleague.id());

        assertThat(transferred.status()).isEqualTo(200);
        assertThat(transferred.data().get("adminId").asLong()).isEqualTo(colleague.id());
        assertThat(transferred.data().get("status").asString()).isEqualTo("assigned");
        JsonNode event = fixtures.awaitSessionEvent(sessionId, "SessionStatusChanged", "transferred");
        assertThat(event.get("oldStatus").asString()).isEqualTo("assigned");
        assertThat(event.get("newStatus").asString()).isEqualTo("assigned");
        assertThat(event.get("admin").get("userId").asLong()).isEqualTo(colleague.id());
        JsonNode logged = fixtures.lastOperation(sessionId, admin.token());
        assertThat(logged.get("action").asString()).isEqualTo("transfer");
        assertThat(logged.get("operatorId").asLong()).isEqualTo(admin.id());
        assertThat(logged.get("fromAdminId").asLong()).isEqualTo(admin.id());
        assertThat(logged.get("toAdminId").asLong()).isEqualTo(colleague.id());
        assertThat(fixtures.currentSessions(admin.id())).isZero();
        assertThat(fixtures.currentSessions(colleague.id())).isEqualTo(1);
    }

    @Test
    void onlyTheHolderTransfers() {
        String pending = fixtures.openSession(user);
        String held = heldByAdmin();
        fixtures.bringOnline(colleague);

        assertConflict(transfer(pending, admin, colleague.id()));
        assertConflict(transfer(pending, admin, admin.id()));
        assertConflict(transfer(held, colleague, admin.id()));
        assertThat(fixtures.session(held, admin.token()).get("adminId").asLong()).isEqualTo(admin.id());
    }

    @Test
    void theTransferTargetMustBeConnected() {
        String held = heldByAdmin();
        Admin absent = fixtures.newAdmin(5);

        assertConflict(transfer(held, admin, absent.id()));
        assertThat(fixtures.session(held, admin.token()).get("adminId").asLong()).isEqualTo(admin.id());
    }

    @Test
    void theTransferTargetMustBeAnotherAdmin() {
        String held = heldByAdmin();

        assertInvalid(transfer(held, admin, admin.id()), "toAdminId");
        assertInvalid(transfer(held, admin, user.userId()), "toAdminId");
        assertInvalid(api.post(ADMIN_SESSIONS + held + "/transfer", admin.token(), Map.of()), "toAdminId");
        assertThat(fixtures.session(held, admin.token()).get("adminId").asLong()).isEqualTo(admin.id());
    }

    @Test
    void anUnknownTransferTargetIsNotFound() {
        String held = heldByAdmin();

        Api.Reply unknownTarget = transfer(held, admin, 987_654_321L);

        assertThat(unknownTarget.status()).isEqualTo(404);
        assertThat(unknownTarget.code()).isEqualTo(4004);
        assertThat(fixtures.session(held, admin.token()).get("adminId").asLong()).isEqualTo(admin.id());
    }

    @Test
    void adminClosesTheirOwnSession() {
        String sessionId = fixtures.openSession(user);
        act(sessionId, "claim", admin);

        Api.Reply closed = act(sessionId, "close", admin);

        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.data().get("status").asString()).isEqualTo("closed");
        JsonNode event = fixtures.awaitSessionEvent(sessionId, "SessionStatusChanged", "closed_by_admin");
        assertThat(event.get("oldStatus").asString()).isEqualTo("assigned");
        assertThat(event.get("admin").get("userId").asLong()).isEqualTo(admin.id());
        assertThat(fixtures.lastOperation(sessionId, admin.token()).get("action").asString()).isEqualTo("close");
    }

    @Test
    void closingTheirSessionFreesTheAdminsCapacity() {
        String sessionId = fixtures.openSession(user);
        act(sessionId, "claim", admin);

        act(sessionId, "close", admin);

        assertThat(fixtures.currentSessions(admin.id())).isZero();
    }

    @Test
    void adminClosingAPendingSessionClosesItAsTheirs() {
        String sessionId = fixtures.openSession(user);

        Api.Reply closed = act(sessionId, "close", admin);

        assertThat(closed.data().get("status").asString()).isEqualTo("closed");
        assertThat(closed.data().get("adminId").asLong()).isEqualTo(admin.id());
    }

    @Test
    void closingASessionHeldByAnotherAdminIsAConflict() {
        String sessionId = fixtures.openSession(user);
        act(sessionId, "claim", admin);

        assertConflict(act(sessionId, "close", colleague));
    }

    @Test
    void userClosesTheirOwnSession() {
        String sessionId = fixtures.openSession(user);
        act(sessionId, "claim", admin);

        Api.Reply closed = api.post(USER_SESSIONS + sessionId + "/close", user.token(), Map.of());

        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.data().get("status").asString()).isEqualTo("closed");
        JsonNode event = fixtures.awaitSessionEvent(sessionId, "SessionStatusChanged", "closed_by_user");
        assertThat(event.get("admin").get("userId").asLong()).as("the holder stays named").isEqualTo(admin.id());
        JsonNode logged = fixtures.lastOperation(sessionId, admin.token());
        assertThat(logged.get("operatorType").asString()).isEqualTo("user");
        assertThat(logged.get("operatorId").asLong()).isEqualTo(user.userId());
        assertThat(fixtures.currentSessions(admin.id())).isZero();
    }

    @Test
    void userClosingTheirClosedSessionAgainIsAConflict() {
        String sessionId = fixtures.openSession(user);
        api.post(USER_SESSIONS + sessionId + "/close", user.token(), Map.of());

        Api.Reply again = api.post(USER_SESSIONS + sessionId + "/close", user.token(), Map.of());

        assertConflict(again);
    }

    @Test
    void userWhoseSessionIsClosedOpensANewOne() {
        String sessionId = fixtures.openSession(user);
        api.post(USER_SESSIONS + sessionId + "/close", user.token(), Map.of());

        Api.Reply reopened = api.post("/api/v2/chat/sessions", user.token(), Map.of());

        assertThat(reopened.status()).isEqualTo(201);
        assertThat(reopened.data().get("sessionId").asString()).isNotEqualTo(sessionId);
    }

    @Test
    void anotherUsersSessionCannotBeClosedOrRatedAndIsNotRevealed() {
        String sessionId = fixtures.openSession(user);
        String strangerToken = api.loginNewUser().token();

        Api.Reply close = api.post(USER_SESSIONS + sessionId + "/close", strangerToken, Map.of());
        Api.Reply rate = api.post(USER_SESSIONS + sessionId + "/rating", strangerToken, Map.of("score", 5));

        assertThat(close.status()).isEqualTo(404);
        assertThat(close.code()).isEqualTo(4004);
        assertThat(rate.status()).isEqualTo(404);
        assertThat(rate.code()).isEqualTo(4004);
        assertThat(fixtures.session(sessionId, admin.token()).get("status").asString()).isEqualTo("waiting");
    }

    @Test
    void anOpenSessionCannotBeRated() {
        String sessionId = fixtures.openSession(user);
        act(sessionId, "claim", admin);

        Api.Reply tooEarly = api.post(USER_SESSIONS + sessionId + "/rating", user.token(), Map.of("score", 5));

        assertConflict(tooEarly);
    }

    @Test
    void userRatesAClosedSessionExactlyOnce() {
        String sessionId = fixtures.openSession(user);
        act(sessionId, "claim", admin);
        api.post(USER_SESSIONS + sessionId + "/close", user.token(), Map.of());

        Api.Reply rated = api.post(USER_SESSIONS + sessionId + "/rating", user.token(),
                Map.of("score", 4, "comment", "回复很快"));
        Api.Reply twice = api.post(USER_SESSIONS + sessionId + "/rating", user.token(), Map.of("score", 1));

        assertThat(rated.status()).isEqualTo(200);
        assertThat(rated.data().get("sessionId").asString()).isEqualTo(sessionId);
        assertThat(rated.data().get("score").asInt()).isEqualTo(4);
        assertThat(rated.data().get("comment").asString()).isEqualTo("回复很快");
        assertThat(rated.data().get("ratedAt").asString()).matches("\\d{4}-.*T.*\\.\\d{3}Z");
        assertConflict(twice);
        JsonNode event = fixtures.awaitSessionEvent(sessionId, "SessionRated", null);
        assertThat(event.get("score").asInt()).isEqualTo(4);
        assertThat(event.get("comment").asString()).isEqualTo("回复很快");
        assertThat(event.get("adminId").asLong()).isEqualTo(admin.id());
        assertThat(event.get("sessionVersion").asLong()).isEqualTo(fixtures.versionOf(sessionId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "6", "4.5", "\"five\"", "null"})
    void ratingOutsideOneToFiveIsAnInvalidRequestNamingTheScore(String score) {
        String sessionId = fixtures.openSession(user);
        api.post(USER_SESSIONS + sessionId + "/close", user.token(), Map.of());

        Api.Reply reply = api.post(USER_SESSIONS + sessionId + "/rating", user.token(), "{\"score\":" + score + "}");

        assertInvalid(reply, "score");
    }

    @Test
    void adminReplyToAPendingSessionClaimsAndActivatesIt() {
        String sessionId = fixtures.openSession(user);

        fixtures.messageStored(sessionId, user.userId(), SenderType.ADMIN, admin.id(), 1, "您好");

        fixtures.awaitSession(sessionId, admin.token(), "active", admin.id());
        JsonNode event = fixtures.awaitSessionEvent(sessionId, "SessionStatusChanged", "admin_replied");
        assertThat(event.get("oldStatus").asString()).isEqualTo("waiting");
        assertThat(fixtures.currentSessions(admin.id())).isEqualTo(1);
    }

    @Test
    void holdersFirstReplyActivatesTheSession() {
        String sessionId = fixtures.openSession(user);
        act(sessionId, "claim", admin);

        fixtures.messageStored(sessionId, user.userId(), SenderType.ADMIN, admin.id(), 1, "您好");

        fixtures.awaitSession(sessionId, admin.token(), "active", admin.id());
    }

    @Test
    void everyReplyOfTheHolderIsLogged() {
        String sessionId = fixtures.openSession(user);
        act(sessionId, "claim", admin);

        var first = fixtures.messageStored(sessionId, user.userId(), SenderType.ADMIN, admin.id(), 1, "您好");
        fixtures.awaitSession(sessionId, admin.token(), "active", admin.id());
        var second = fixtures.messageStored(sessionId, user.userId(), SenderType.ADMIN, admin.id(), 2, "请稍等");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                fixtures.lastOperation(sessionId, admin.token()).get("messageId").asString())
                .isEqualTo(second.messageId()));
        JsonNode replies = api.get("/api/v2/admin/chat/operation-logs?sessionId=" + sessionId, admin.token()).data();
        assertThat(replies.get("logs").valueStream().map(log -> log.get("action").asString()))
                .containsExactly("reply", "reply", "claim");
        JsonNode firstLog = replies.get("logs").get(1);
        assertThat(firstLog.get("messageId").asString()).isEqualTo(first.messageId());
        assertThat(firstLog.get("fromStatus").asString()).isEqualTo("assigned");
        assertThat(firstLog.get("toStatus").asString()).isEqualTo("active");
    }

    @Test
    void replyRacingAnotherAdminsClaimIsLoggedButMovesNothing() {
        String sessionId = fixtures.openSession(user);
        act(sessionId, "claim", admin);
        long version = fixtures.versionOf(sessionId);

        var late = fixtures.messageStored(sessionId, user.userId(), SenderType.ADMIN, colleague.id(), 1, "我来");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                fixtures.lastOperation(sessionId, admin.token()).get("messageId").asString())
                .isEqualTo(late.messageId()));
        JsonNode logged = fixtures.lastOperation(sessionId, admin.token());
        assertThat(logged.get("action").asString()).isEqualTo("reply");
        assertThat(logged.get("operatorId").asLong()).isEqualTo(colleague.id());
        assertThat(logged.get("toAdminId").asLong()).isEqualTo(admin.id());
        assertThat(logged.get("note").asString()).contains(Long.toString(admin.id()));
        assertThat(fixtures.session(sessionId, admin.token()).get("status").asString()).isEqualTo("assigned");
        assertThat(fixtures.versionOf(sessionId)).isEqualTo(version);
    }

    @Test
    void replyRacingACloseIsLoggedButDoesNotReopen() {
        String sessionId = fixtures.openSession(user);
        api.post(USER_SESSIONS + sessionId + "/close", user.token(), Map.of());

        var late = fixtures.messageStored(sessionId, user.userId(), SenderType.ADMIN, admin.id(), 1, "还在吗");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                fixtures.lastOperation(sessionId, admin.token()).get("messageId").asString())
                .isEqualTo(late.messageId()));
        assertThat(fixtures.lastOperation(sessionId, admin.token()).get("note").isNull()).isFalse();
        assertThat(fixtures.session(sessionId, admin.token()).get("status").asString()).isEqualTo("closed");
    }

    private Api.Reply act(String sessionId, String action, Admin actor) {
        return api.post(ADMIN_SESSIONS + sessionId + "/" + action, actor.token(), Map.of());
    }

    private Api.Reply transfer(String sessionId, Admin actor, long toAdminId) {
        Map<String, Object> body = new HashMap<>();
        body.put("toAdminId", toAdminId);
        return api.post(ADMIN_SESSIONS + sessionId + "/transfer", actor.token(), body);
    }

    private static void assertConflict(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.code()).isEqualTo(4009);
        assertThat(reply.data().isNull()).isTrue();
    }

    private static void assertInvalid(Api.Reply reply, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo(4000);
        assertThat(reply.msg()).startsWith(field + ":");
    }

    /** A session of another new user, claimed by {@code admin}. */
    private String heldByAdmin() {
        String held = fixtures.openSession(api.loginNewUser());
        act(held, "claim", admin);
        return held;
    }
}
