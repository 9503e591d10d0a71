package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The existing front end's prefixes /admin/chat and /api/admin/chat answer exactly as /api/v2/admin/chat. */
class CompatibilityPrefixesIT {

    private static final String[] PREFIXES = {"/api/v2/admin/chat", "/admin/chat", "/api/admin/chat"};

    private final Api api = new Api(SystemUnderTest.gatewayUrl());

    @Test
    void everyPrefixServesTheSameSessionsHistoryAndStats() {
        String user = api.login(IdentityIT.freshMobile());
        String sessionId = api.post("/api/v2/chat/sessions", user, "{}").data().path("sessionId").asString();
        api.post("/api/v2/chat/sessions/" + sessionId + "/messages", user,
                "{\"content\":\"兼容路径 " + UUID.randomUUID() + "\",\"messageType\":\"text\"}");
        String admin = api.login("13612227930");

        JsonNode canonicalHistory = null;
        for (String prefix : PREFIXES) {
            Api.Answer detail = api.get(prefix + "/sessions/" + sessionId, admin);
            Api.Answer history = api.get(prefix + "/sessions/" + sessionId + "/messages", admin);
            Api.Answer list = api.get(prefix + "/sessions?status=all&page=1&pageSize=10", admin);
            Api.Answer stats = api.get(prefix + "/stats/today", admin);

            assertThat(detail.status()).as(prefix).isEqualTo(200);
            assertThat(detail.data().path("sessionId").asString()).isEqualTo(sessionId);
            assertThat(history.status()).as(prefix).isEqualTo(200);
            assertThat(list.status()).as(prefix).isEqualTo(200);
            assertThat(list.data().has("sessions")).isTrue();
            assertThat(stats.status()).as(prefix).isEqualTo(200);
            assertThat(stats.data().path("stats").has("totalSessions")).isTrue();
            if (canonicalHistory == null) {
                canonicalHistory = history.data().path("messages");
            }
            assertThat(history.data().path("messages")).as(prefix).isEqualTo(canonicalHistory);
        }
        assertThat(canonicalHistory.size()).isEqualTo(1);
    }

    @Test
    void everyPrefixRefusesPlainUsersAlike() {
        String user = api.login(IdentityIT.freshMobile());
        for (String prefix : PREFIXES) {
            ErrorTableIT.assertError(api.get(prefix + "/sessions", user), 403, 4003);
        }
    }
}
