package com.loyalty.chat.session.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.ServiceTest;

import tools.jackson.databind.JsonNode;

@ServiceTest
class AdminSessionListTest {

    private static final String LIST = "/api/v2/admin/chat/sessions";

    /** Sorts items as the contract orders them: latest message first, then sessions without messages, newest first. */
    private static final Comparator<JsonNode> CONTRACT_ORDER = Comparator
            .comparing((JsonNode item) -> instantOrNull(item.get("lastMessageTime")),
                    Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(item -> Instant.parse(item.get("createdAt").asString()), Comparator.reverseOrder());

    @Autowired
    RestTestClient rest;

    @Autowired
    JdbcClient jdbc;

    Api api;
    String adminToken;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
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
    void pageSizeDefaultsToTenAndIsClampedToFifty() {
        insertClosedSessions(55);

        Api.Reply byDefault = api.get(LIST + "?status=closed", adminToken);
        Api.Reply clamped = api.get(LIST + "?status=closed&pageSize=500", adminToken);

        long total = clamped.data().get("totalCount").asLong();
        assertThat(byDefault.data().get("sessions")).hasSize(10);
        assertThat(clamped.data().get("sessions")).hasSize(50);
        assertThat(clamped.data().get("pagination").toString()).isEqualTo(
                "{\"currentPage\":1,\"totalPages\":" + (total + 49) / 50 + ",\"hasMore\":true}");
    }

    @Test
    void pageAfterTheLastIsEmpty() {
        Api.Reply reply = api.get(LIST + "?page=100000", adminToken);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.data().get("sessions")).isEmpty();
        assertThat(reply.data().get("pagination").get("currentPage").asInt()).isEqualTo(100000);
        assertThat(reply.data().get("pagination").get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void openSessionIsPendingAndWaitingButNotTheAdminsActiveOrClosed() {
        Api.LoggedIn user = api.loginNewUser();
        String sessionId = api.post("/api/v2/chat/sessions", user.token(), Map.of()).data().get("sessionId").asString();

        assertThat(allSessionIds("all")).contains(sessionId);
        assertThat(allSessionIds("pending")).contains(sessionId);
        assertThat(allSessionIds("waiting")).contains(sessionId);
        assertThat(allSessionIds("active")).doesNotContain(sessionId);
        assertThat(allSessionIds("closed")).doesNotContain(sessionId);
    }

    @Test
    void listIsOrderedByLastMessageThenByCreation() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        insertSession("closed", now.minusSeconds(300), now.minusSeconds(10));
        insertSession("closed", now.minusSeconds(200), null);
        insertSession("closed", now.minusSeconds(100), now.minusSeconds(50));

        List<JsonNode> items = allItems("closed");

        assertThat(items).isSortedAccordingTo(CONTRACT_ORDER);
    }

    private List<String> allSessionIds(String status) {
        return allItems(status).stream().map(item -> item.get("sessionId").asString()).toList();
    }

    private List<JsonNode> allItems(String status) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode data = api.get(LIST + "?status=" + status + "&pageSize=50&page=" + page, adminToken).data();
            data.get("sessions").forEach(items::add);
            if (!data.get("pagination").get("hasMore").asBoolean()) {
                return items;
            }
        }
    }

    private void insertClosedSessions(int count) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < count; i++) {
            insertSession("closed", now.minusSeconds(i), null);
        }
    }

    private void insertSession(String status, Instant createdAt, Instant lastMessageAt) {
        jdbc.sql("""
                        INSERT INTO customer_sessions (session_id, user_id, status, source, priority, created_at,
                                                       updated_at, last_message_at, version)
                        VALUES (:id, :userId, :status, 'mobile', 1, :createdAt, :createdAt, :lastMessageAt, 0)
                        """)
                .param("id", "session_" + createdAt.toEpochMilli() + "_%08x".formatted(
                        ThreadLocalRandom.current().nextInt()))
                .param("userId", 900_000 + ThreadLocalRandom.current().nextInt(100_000))
                .param("status", status)
                .param("createdAt", createdAt)
                .param("lastMessageAt", lastMessageAt)
                .update();
    }

    private static Instant instantOrNull(JsonNode node) {
        return node.isNull() ? null : Instant.parse(node.asString());
    }
}
