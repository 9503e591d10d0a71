package com.loyalty.chat.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.stats.figures.Scope;
import com.loyalty.chat.stats.figures.StatsQueries;
import com.loyalty.chat.stats.figures.StatsQueries.DayStats;

/**
 * The projection is disposable: a replica started with {@code chat.stats.rebuild-on-start} empties it and replays
 * both topics from their beginning, and every figure comes back (docs/stats.md). The replicas here share a consumer
 * group of their own, so the rebuild really seeks back over offsets the group had already committed.
 */
class StatsRebuildTest {

    private static final LocalDate DAY = LocalDate.parse("2024-03-10");
    private static final long ADMIN = 31;

    private final String group = "stats-rebuild-test-" + UUID.randomUUID();

    @Test
    void aReplicaStartedWithRebuildRestoresTheFiguresFromTheTopics() {
        String session = "session_rebuild_" + UUID.randomUUID();
        new EventScript()
                .opened(session, 1, "2024-03-10T02:00:00Z")
                .userMessage(session, null, "2024-03-10T02:00:10Z")
                .status(session, 2, SessionStatus.WAITING, SessionStatus.ASSIGNED, ADMIN, "2024-03-10T02:00:20Z")
                .adminMessage(session, ADMIN, "2024-03-10T02:00:40Z")
                .status(session, 3, SessionStatus.ASSIGNED, SessionStatus.CLOSED, ADMIN, "2024-03-10T03:00:00Z")
                .rated(session, 4, ADMIN, 4, "2024-03-10T03:01:00Z")
                .deliver(1);

        List<DayStats> projected;
        try (ConfigurableApplicationContext replica = startReplica(false)) {
            StatsQueries queries = replica.getBean(StatsQueries.class);
            projected = await().atMost(Duration.ofSeconds(60)).until(() -> day(queries),
                    days -> days.getFirst().stats().customerSatisfaction() != null);
            JdbcClient jdbc = replica.getBean(JdbcClient.class);
            jdbc.sql("DELETE FROM daily_admin_figures WHERE day = ?").param(Date.valueOf(DAY)).update();
            jdbc.sql("DELETE FROM session_facts WHERE session_id = ?").param(session).update();
            assertThat(day(queries)).as("the projection lost the day").isNotEqualTo(projected);
        }
        assertThat(projected.getFirst().stats().totalSessions()).isEqualTo(1);
        assertThat(projected.getFirst().stats().avgResponseTimeSeconds()).isEqualTo(30);
        assertThat(projected.getFirst().stats().customerSatisfaction()).isEqualByComparingTo(new BigDecimal("4"));

        try (ConfigurableApplicationContext rebuilding = startReplica(true)) {
            StatsQueries queries = rebuilding.getBean(StatsQueries.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> day(queries), projected::equals);
        }
    }

    private static List<DayStats> day(StatsQueries queries) {
        return queries.daily(DAY, DAY, Scope.ALL, ADMIN);
    }

    private ConfigurableApplicationContext startReplica(boolean rebuild) {
        return new SpringApplicationBuilder(StatsServiceApplication.class)
                .initializers(new LocalStackInitializer())
                // Arguments, not builder defaults: application.yml would override defaults.
                .run("--server.port=0", "--spring.kafka.consumer.group-id=" + group,
                        "--chat.stats.rebuild-on-start=" + rebuild);
    }
}
