package com.loyalty.chat.session.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.StatusChangeReason;
import com.loyalty.chat.contracts.events.UserProfile;
import com.loyalty.chat.localstack.LocalStack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * V8 replaces Spring Modulith's event publication registry with the outbox the chassis relays: publications the
 * registry had not completed when the previous version stopped must still be sent, so they are carried over, each as
 * a row the relay reads.
 */
class OutboxMigrationTest {

    /** How Spring Modulith named the Kafka externalizer, the registry's one listener here. */
    private static final String EXTERNALIZER =
            "org.springframework.modulith.events.support.DelegatingEventExternalizer.externalize(java.lang.Object)";

    private final String schema = "chat_session_v8_" + UUID.randomUUID().toString().substring(0, 8);
    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(LocalStack.shared().jdbcUrl(schema)
            + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true", "root", "");
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @AfterEach
    void dropSchema() {
        jdbc.sql("DROP DATABASE IF EXISTS " + schema).update();
    }

    @Test
    void publicationsTheRegistryHadNotCompletedMoveToTheOutboxInTheOrderTheyWereStored() {
        migrateTo("7");
        Instant earlier = Instant.parse("2026-11-20T08:00:00.123Z");
        Instant later = earlier.plusSeconds(5);
        SessionEvent opened = opened("session_1_0000cafe");
        SessionEvent assigned = assigned("session_1_0000cafe");
        SessionEvent done = opened("session_1_0000beef");
        // Stored out of id order on purpose: the registry's ids are random UUIDs, its order is the publication date.
        publication("f0000000-0000-0000-0000-000000000000", opened, earlier, null);
        publication("00000000-0000-0000-0000-000000000000", assigned, later, null);
        publication("80000000-0000-0000-0000-000000000000", done, earlier, later);

        migrateTo("latest");

        List<Map<String, Object>> rows = jdbc.sql("SELECT events, created_at FROM outbox ORDER BY id")
                .query()
                .listOfRows();
        assertThat(rows).extracting(row -> storedEvents((String) row.get("events"))).containsExactly(
                List.of(opened), List.of(assigned));
        assertThat(rows).extracting(row -> ((LocalDateTime) row.get("created_at")).toInstant(ZoneOffset.UTC))
                .containsExactly(earlier, later);
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM information_schema.tables
                         WHERE table_schema = :schema AND table_name = 'EVENT_PUBLICATION'""")
                .param("schema", schema)
                .query(Long.class)
                .single()).isZero();
    }

    /** A row's events, read as the relay reads them: {@code {"events": [...]}}, each a typed SessionEvent. */
    private List<SessionEvent> storedEvents(String row) {
        JsonNode events = json.readTree(row).get("events");
        return events.valueStream().map(event -> json.treeToValue(event, SessionEvent.class)).toList();
    }

    private void migrateTo(String version) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
    }

    /**
     * A publication as Modulith 2.0.3's JDBC registry wrote it (the event's JSON by its concrete type, which carries
     * the type id); completed ones have a completion date.
     */
    private void publication(String id, SessionEvent event, Instant published, Instant completed) {
        jdbc.sql("""
                        INSERT INTO EVENT_PUBLICATION (ID, LISTENER_ID, EVENT_TYPE, SERIALIZED_EVENT, PUBLICATION_DATE,
                                                       COMPLETION_DATE, STATUS, COMPLETION_ATTEMPTS)
                        VALUES (:id, :listener, :type, :serialized, :published, :completed, :status, 1)""")
                .param("id", id)
                .param("listener", EXTERNALIZER)
                .param("type", event.getClass().getName())
                .param("serialized", json.writeValueAsString(event))
                .param("published", LocalDateTime.ofInstant(published, ZoneOffset.UTC))
                .param("completed", completed == null ? null : LocalDateTime.ofInstant(completed, ZoneOffset.UTC))
                .param("status", completed == null ? "PUBLISHED" : "COMPLETED")
                .update();
    }

    private static SessionEvent opened(String sessionId) {
        return new SessionEvent.SessionOpened(SessionEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sessionId, 1,
                Instant.parse("2026-11-20T07:59:59.500Z"), new UserProfile(7, "用户", null, "13900000007"), "mobile",
                1);
    }

    private static SessionEvent assigned(String sessionId) {
        return new SessionEvent.SessionStatusChanged(SessionEvent.SCHEMA_VERSION, UUID.randomUUID().toString(),
                sessionId, 2, Instant.parse("2026-11-20T08:00:04.250Z"), 7, SessionStatus.WAITING,
                SessionStatus.ASSIGNED, new UserProfile(9, "管理员", null, "13700000009"), StatusChangeReason.ASSIGNED);
    }
}
