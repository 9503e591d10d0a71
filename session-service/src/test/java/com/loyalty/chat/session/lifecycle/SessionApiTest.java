package com.loyalty.chat.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.Fixtures;
import com.loyalty.chat.session.ServiceTest;

import tools.jackson.databind.JsonNode;

@ServiceTest
class SessionApiTest {

    private static final String SESSIONS = "/api/v2/chat/sessions";

    @Autowired
    RestTestClient rest;

    /** Nobody online and an empty queue: a session opened here stays waiting. */
    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
        fixtures.reset();
    }

    @Test
    void openingCreatesTheSessionOnceAndReturnsItAfterwards() {
        Api.LoggedIn user = api.loginNewUser();

        Api.Reply created = api.post(SESSIONS, user.token(), Map.of());
        Api.Reply existing = api.post(SESSIONS, user.token(), Map.of());

        assertThat(created.status()).isEqualTo(201);
        assertThat(existing.status()).isEqualTo(200);
        assertThat(existing.data().get("sessionId")).isEqualTo(created.data().get("sessionId"));
        assertThat(created.data().get("sessionId").asString()).matches("session_\\d+_[0-9a-f]{8}");
        assertThat(created.data().get("status").asString()).isEqualTo("waiting");
        assertThat(created.data().get("userId").asLong()).isEqualTo(user.userId());
        assertThat(created.data().get("createdAt").asString())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void concurrentOpensOfOneUserCreateExactlyOneSession() throws Exception {
        Api.LoggedIn user = api.loginNewUser();
        int callers = 10;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Reply>> replies = new ArrayList<>();

        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return api.post(SESSIONS, user.token(), Map.of());
                }));
            }
            start.countDown();
        }

        List<Api.Reply> answered = new ArrayList<>();
        for (Future<Api.Reply> reply : replies) {
            answered.add(reply.get());
        }
        assertThat(answered).extracting(Api.Reply::status).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(answered).extracting(reply -> reply.data().get("sessionId").asString()).containsOnly(
                answered.getFirst().data().get("sessionId").asString());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_sessions WHERE user_id = ?").param(user.userId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void usersListOnlyTheirOwnSessions() {
        Api.LoggedIn user = api.loginNewUser();
        Api.LoggedIn other = api.loginNewUser();
        String sessionId = api.post(SESSIONS, user.token(), Map.of()).data().get("sessionId").asString();
        api.post(SESSIONS, other.token(), Map.of());

        Api.Reply mine = api.get(SESSIONS, user.token());

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.data().get("sessions")).extracting(session -> session.get("sessionId").asString())
                .containsExactly(sessionId);
        assertThat(mine.data().get("totalCount").asInt()).isEqualTo(1);
    }

    @Test
    void anotherUsersSessionIsNotFound() {
        Api.LoggedIn owner = api.loginNewUser();
        String sessionId = api.post(SESSIONS, owner.token(), Map.of()).data().get("sessionId").asString();

        Api.Reply asOwner = api.get(SESSIONS + "/" + sessionId, owner.token());
        Api.Reply asStranger = api.get(SESSIONS + "/" + sessionId, api.loginNewUser().token());

        assertThat(asOwner.status()).isEqualTo(200);
        assertThat(asStranger.status()).isEqualTo(404);
        assertThat(asStranger.code()).isEqualTo(4004);
    }

    @Test
    void adminReadsAnySessionInTheContractItemShape() {
        String mobile = Api.newMobile();
        Api.LoggedIn user = api.login(mobile);
        JsonNode created = api.post(SESSIONS, user.token(), Map.of()).data();
        String sessionId = created.get("sessionId").asString();

        Api.Reply reply = api.get("/api/v2/admin/chat/sessions/" + sessionId, api.login(Api.ADMIN_MOBILE).token());

        assertThat(reply.status()).isEqualTo(200);
        JsonNode item = reply.data();
        assertThat(item.propertyNames()).containsExactly("sessionId", "userId", "userInfo", "adminId", "status",
                "createdAt", "lastMessageTime", "lastMessage", "messageCount", "unreadCount", "isOnline");
        assertThat(item.get("userInfo").toString()).isEqualTo("{\"userId\":" + user.userId() + ",\"nickname\":\"用户"
                + mobile.substring(7) + "\",\"avatar\":null,\"mobile\":\"" + mobile + "\"}");
        assertThat(item.get("createdAt")).as("read back from the database unchanged")
                .isEqualTo(created.get("createdAt"));
        assertThat(item.get("adminId").isNull()).isTrue();
        assertThat(item.get("lastMessageTime").isNull()).isTrue();
        assertThat(item.get("isOnline").asBoolean()).isFalse();
    }

    @Test
    void adminAskingForAnUnknownSessionGetsNotFound() {
        String adminToken = api.login(Api.ADMIN_MOBILE).token();

        Api.Reply reply = api.get("/api/v2/admin/chat/sessions/session_1_deadbeef", adminToken);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo(4004);
    }

    @Test
    void aSessionIdInAnotherCaseIsAnotherSession() {
        String adminToken = api.login(Api.ADMIN_MOBILE).token();
        String sessionId = api.post(SESSIONS, api.loginNewUser().token(), Map.of()).data().get("sessionId").asString();

        Api.Reply reply = api.get("/api/v2/admin/chat/sessions/" + sessionId.toUpperCase(Locale.ROOT), adminToken);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo(4004);
    }
}
