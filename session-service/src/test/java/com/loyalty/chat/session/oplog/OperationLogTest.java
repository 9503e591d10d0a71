package com.loyalty.chat.session.oplog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.Fixtures;
import com.loyalty.chat.session.Fixtures.Admin;
import com.loyalty.chat.session.ServiceTest;

import tools.jackson.databind.JsonNode;

@ServiceTest
class OperationLogTest {

    private static final String LOGS = "/api/v2/admin/chat/operation-logs";

    @Autowired
    RestTestClient rest;

    @Autowired
    Fixtures fixtures;

    Api api;
    Admin first;
    Admin second;
    String firstsSession;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
        fixtures.reset();
        first = fixtures.newAdmin(5);
        second = fixtures.newAdmin(5);
        firstsSession = claimed(first);
        claimed(second);
        api.post("/api/v2/admin/chat/sessions/" + firstsSession + "/close", first.token(), Map.of());
    }

    @Test
    void logsOfASessionAreListedNewestFirstWithWhoWhatWhenAndTheStatesAround() {
        JsonNode page = api.get(LOGS + "?sessionId=" + firstsSession, first.token()).data();

        assertThat(page.get("totalCount").asLong()).isEqualTo(2);
        assertThat(page.get("pagination").toString())
                .isEqualTo("{\"currentPage\":1,\"totalPages\":1,\"hasMore\":false}");
        JsonNode close = page.get("logs").get(0);
        assertThat(close.propertyNames()).containsExactly("logId", "sessionId", "action", "operatorType", "operatorId",
                "fromStatus", "toStatus", "fromAdminId", "toAdminId", "messageId", "note", "createdAt");
        assertThat(close.get("action").asString()).isEqualTo("close");
        assertThat(close.get("fromStatus").asString()).isEqualTo("assigned");
        assertThat(close.get("toStatus").asString()).isEqualTo("closed");
        assertThat(close.get("createdAt").asString()).matches("\\d{4}-.*T.*\\.\\d{3}Z");
        assertThat(page.get("logs").get(1).get("action").asString()).isEqualTo("claim");
        assertThat(page.get("logs").get(1).get("logId").asLong()).isLessThan(close.get("logId").asLong());
    }

    @Test
    void logsCanBeNarrowedToWhatOneAdminDid() {
        List<String> byFirst = sessionIds(api.get(LOGS + "?pageSize=50&adminId=" + first.id(), first.token()));
        List<String> bySecondOnFirstsSession = sessionIds(api.get(
                LOGS + "?adminId=" + second.id() + "&sessionId=" + firstsSession, first.token()));

        assertThat(byFirst).containsExactly(firstsSession, firstsSession);
        assertThat(bySecondOnFirstsSession).isEmpty();
    }

    @Test
    void logsArePagedLikeTheSessionList() {
        Api.Reply firstPage = api.get(LOGS + "?pageSize=1&adminId=" + first.id(), first.token());
        Api.Reply secondPage = api.get(LOGS + "?pageSize=1&page=2&adminId=" + first.id(), first.token());

        assertThat(firstPage.data().get("pagination").toString())
                .isEqualTo("{\"currentPage\":1,\"totalPages\":2,\"hasMore\":true}");
        assertThat(firstPage.data().get("logs").get(0).get("action").asString()).isEqualTo("close");
        assertThat(secondPage.data().get("logs").get(0).get("action").asString()).isEqualTo("claim");
        assertThat(api.get(LOGS + "?pageSize=500", first.token()).data().get("logs").size()).isLessThanOrEqualTo(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=0", "pageSize=0", "page=x", "adminId=abc"})
    void invalidQueryIsAnInvalidRequestNamingTheParameter(String query) {
        Api.Reply reply = api.get(LOGS + "?" + query, first.token());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo(4000);
        assertThat(reply.msg()).startsWith(query.substring(0, query.indexOf('=')) + ":");
    }

    private String claimed(Admin admin) {
        String sessionId = fixtures.openSession(api.loginNewUser());
        api.post("/api/v2/admin/chat/sessions/" + sessionId + "/claim", admin.token(), Map.of());
        return sessionId;
    }

    private static List<String> sessionIds(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.data().get("logs").valueStream().map(log -> log.get("sessionId").asString()).toList();
    }
}
