package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Today's stats move after a scripted conversation: a diner asks, an admin answers. */
class StatsIT {

    private final Api api = new Api(SystemUnderTest.gatewayUrl());

    @Test
    void aConversationShowsUpInTodaysStats() {
        String admin = api.login("13612227930");
        JsonNode before = todayForEveryone(admin);
        String user = api.login(IdentityIT.freshMobile());
        String sessionId = api.post("/api/v2/chat/sessions", user, "{}").data().path("sessionId").asString();
        api.post("/api/v2/chat/sessions/" + sessionId + "/messages", user,
                "{\"content\":\"我的积分什么时候到账？\",\"messageType\":\"text\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v2/admin/chat/sessions/" + sessionId
                + "/messages", admin).data().path("messages").size() == 1);
        api.post("/api/v2/admin/chat/sessions/" + sessionId + "/messages", admin,
                "{\"content\":\"已经到账了\",\"messageType\":\"text\"}");

        JsonNode after = await().atMost(Duration.ofSeconds(30)).until(() -> todayForEveryone(admin),
                stats -> stats.path("todayMessages").asLong() >= before.path("todayMessages").asLong() + 2
                        && stats.path("totalSessions").asLong() >= before.path("totalSessions").asLong() + 1
                        && !stats.path("avgResponseTimeSeconds").isNull());

        assertThat(after.path("avgResponseTime").asString()).matches("\\d+(秒|分钟)|\\d+小时(\\d+分钟)?");
        assertThat(after.path("responseRate").asInt()).isBetween(1, 100);
        Api.Answer mine = api.get("/api/v2/admin/chat/stats/today", admin);
        assertThat(mine.data().path("scope").asString()).isEqualTo("mine");
        assertThat(mine.data().path("adminId").asLong()).isEqualTo(31);
        assertThat(mine.data().path("date").asString()).matches("\\d{4}-\\d\\d-\\d\\d");
    }

    @Test
    void dailyStatsAnswerOneRowPerDayUpTo92Days() {
        String admin = api.login("13612227930");
        String today = api.get("/api/v2/admin/chat/stats/today", admin).data().path("date").asString();
        java.time.LocalDate end = java.time.LocalDate.parse(today);

        Api.Answer week = api.get("/admin/chat/stats/daily?from=" + end.minusDays(6) + "&to=" + end + "&scope=all",
                admin);
        assertThat(week.status()).isEqualTo(200);
        JsonNode days = week.data().path("days");
        assertThat(days.size()).isEqualTo(7);
        assertThat(days.get(6).path("date").asString()).isEqualTo(today);
        assertThat(days.get(6).path("stats").has("avgResponseTime")).isTrue();
        ErrorTableIT.assertError(api.get("/api/v2/admin/chat/stats/daily?from=" + end.minusDays(92) + "&to=" + end,
                admin), 400, 4000);
    }

    private JsonNode todayForEveryone(String admin) {
        Api.Answer answer = api.get("/api/v2/admin/chat/stats/today?scope=all", admin);
        assertThat(answer.status()).isEqualTo(200);
        return answer.data().path("stats");
    }
}
