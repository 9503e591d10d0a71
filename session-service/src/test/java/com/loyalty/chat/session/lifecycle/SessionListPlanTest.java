package com.loyalty.chat.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import com.loyalty.chat.localstack.LocalStack;
import com.mysql.cj.jdbc.Driver;

/**
 * How MariaDB runs the list's queries, on a schema of its own filled with generated sessions shaped like production
 * (most closed, a few percent open, fifty admins): each filter must find its page's ids on an index alone, in the
 * list's order (no full scan, no sort), and each total must be a maintained figure, so that a page costs the same at a
 * million sessions as at a thousand. The SQL is the service's own.
 * {@code -Dplans.rows=1000000} reproduces the figures in the module's README.
 */
class SessionListPlanTest {

    private static final Logger log = LoggerFactory.getLogger(SessionListPlanTest.class);
    private static final int ROWS = Integer.getInteger("plans.rows", 100_000);
    private static final long SOME_ADMIN = 7;
    private static final Map<SessionFilter, String> INDEX_OF = Map.of(
            SessionFilter.ALL, "idx_cs_activity",
            SessionFilter.PENDING, "idx_cs_status_activity",
            SessionFilter.WAITING, "idx_cs_awaiting_activity",
            SessionFilter.ACTIVE, "idx_cs_admin_open_activity",
            SessionFilter.CLOSED, "idx_cs_status_activity");

    private static JdbcClient jdbc;

    @BeforeAll
    static void fillASchemaOfItsOwn() throws SQLException {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new Driver(),
                LocalStack.shared().jdbcUrl("chat_session_plans") + "&connectionTimeZone=UTC"
                        + "&forceConnectionTimeZoneToSession=true&allowPublicKeyRetrieval=true&useSSL=false",
                "root", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        if (jdbc.sql("SELECT COUNT(*) FROM customer_sessions").query(Long.class).single() < ROWS) {
            generateSessions();
        }
        jdbc.sql("ANALYZE TABLE customer_sessions").query().listOfRows();
        jdbc.sql("""
                INSERT IGNORE INTO admin_statuses (admin_id, status, current_sessions, last_active_at, created_at,
                                                   updated_at)
                VALUES (?, 'offline', 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))
                """).param(SOME_ADMIN).update();
    }

    /** 1 % waiting, 1 % assigned, 3 % active, the rest closed; one in ten without messages. */
    private static void generateSessions() {
        long started = System.nanoTime();
        jdbc.sql("""
                INSERT INTO customer_sessions (session_id, user_id, admin_id, status, source, priority, created_at,
                                               updated_at, last_message_at, message_count, version)
                SELECT CONCAT('session_plan_', seq), seq,
                       IF(seq % 100 = 0, NULL, 1 + (seq DIV 100) % 50),
                       CASE WHEN seq % 100 = 0 THEN 'waiting'
                            WHEN seq % 100 = 1 THEN 'assigned'
                            WHEN seq % 100 IN (2, 3, 4) THEN 'active'
                            ELSE 'closed' END,
                       'mobile', 1,
                       TIMESTAMP'2025-01-01 00:00:00' + INTERVAL seq SECOND,
                       TIMESTAMP'2025-01-01 00:00:00' + INTERVAL seq SECOND,
                       IF(seq % 10 = 0, NULL, TIMESTAMP'2025-01-01 00:00:00' + INTERVAL (seq + seq % 7200) SECOND),
                       IF(seq % 10 = 0, 0, 1 + seq % 20), 0
                  FROM seq_1_to_""" + ROWS).update();
        log.info("Generated {} sessions in {} ms", ROWS, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * A page is a deferred join: its ids are found on the filter's index alone ("Using index": skipping OFFSET entries
     * reads no row), walked in list order from either end without sorting, and only the page's rows are then read by
     * primary key. Sorting the page itself (at most 50 rows) is all the outer query does.
     */
    @ParameterizedTest
    @EnumSource(SessionFilter.class)
    void eachFiltersPageFindsItsIdsOnItsIndexAloneInListOrder(SessionFilter filter) {
        for (boolean fromEnd : List.of(false, true)) {
            List<Plan> plans = explain(filter.pageSql(fromEnd),
                    Map.of("adminId", SOME_ADMIN, "limit", 50, "offset", ROWS / 100));

            Plan ids = plans.stream().filter(plan -> plan.selectType().equals("DERIVED")).findFirst().orElseThrow();
            assertThat(ids.table()).isEqualTo("customer_sessions");
            assertThat(ids.key()).isEqualTo(INDEX_OF.get(filter));
            assertThat(ids.type()).isNotEqualTo("ALL");
            assertThat(ids.extra()).contains("Using index").doesNotContain("filesort");
            Plan rows = plans.stream()
                    .filter(plan -> plan.table().equals("customer_sessions") && !plan.selectType().equals("DERIVED"))
                    .findFirst().orElseThrow();
            assertThat(rows.type()).isEqualTo("eq_ref");
            assertThat(rows.key()).isEqualTo("PRIMARY");
            assertThat(plans).as("the page's ids, the page's rows").hasSize(3);
        }
    }

    /** Every count is a maintained figure: a few rows of running totals, or the caller's own status row. */
    @ParameterizedTest
    @EnumSource(SessionFilter.class)
    void eachFiltersCountReadsAMaintainedFigure(SessionFilter filter) {
        List<Plan> plans = explain(filter.countSql(), Map.of("adminId", SOME_ADMIN));

        Plan read = plans.stream().filter(plan -> plan.table() != null).findFirst().orElseThrow();
        assertThat(read.table()).isEqualTo(filter == SessionFilter.ACTIVE ? "admin_statuses" : "session_totals");
        assertThat(read.key()).isEqualTo("PRIMARY");
        assertThat(read.type()).isIn("const", "ref", "range");
    }

    @Test
    void theQueuesHeadIsReadFromTheQueueIndexWithoutSorting() {
        Plan plan = explainOne(SessionStore.NEXT_WAITING, Map.of());

        assertThat(plan.key()).isEqualTo("idx_cs_queue");
        assertThat(plan.extra()).doesNotContain("filesort");
    }

    @Test
    void anAdminsLoadIsCountedFromAnIndexAlone() {
        Plan plan = explainOne(SessionStore.OPEN_OF_ADMIN.replace("?", Long.toString(SOME_ADMIN)), Map.of());

        assertThat(plan.key()).isEqualTo("idx_cs_admin_open_activity");
        assertThat(plan.extra()).contains("Using index");
    }

    /** Also runs the query once and logs how long it took, for the record (README); nothing depends on it. */
    private static List<Plan> explain(String sql, Map<String, ?> params) {
        List<Plan> plans = jdbc.sql("EXPLAIN " + sql)
                .params(params)
                .query((row, number) -> new Plan(row.getString("select_type"), row.getString("table"),
                        row.getString("type"), row.getString("key"), row.getLong("rows"),
                        String.valueOf(row.getString("Extra"))))
                .list();
        long started = System.nanoTime();
        jdbc.sql(sql).params(params).query().listOfRows();
        log.info("{}\n  → {} in {} ms", sql.replaceAll("\\s+", " "), plans, (System.nanoTime() - started) / 1_000_000);
        return plans;
    }

    /** For a query of one table: its one access path. */
    private static Plan explainOne(String sql, Map<String, ?> params) {
        List<Plan> plans = explain(sql, params);
        assertThat(plans).as("one table, one access path").hasSize(1);
        return plans.getFirst();
    }

    record Plan(String selectType, String table, String type, String key, long rows, String extra) {
    }
}
