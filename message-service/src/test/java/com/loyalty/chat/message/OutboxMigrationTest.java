package com.loyalty.chat.message;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageEvent.MessageRejected;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.localstack.LocalStack;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V5 replaces Spring Modulith's event publication registry with the service's own outbox: publications the registry
 * had not completed when the previous version stopped must still be sent, so they are carried over.
 */
class OutboxMigrationTest {

    private static final String OUTBOX_BATCH = "com.loyalty.chat.message.messaging.OutboxBatch";
    private static final String LISTENER = "com.loyalty.chat.message.messaging.KafkaRelay.relay("
            + OUTBOX_BATCH + ")";

    /** The shape the registry stored an OutboxBatch in. */
    record OutboxBatch(List<MessageEvent> events) {
    }

    private final String schema = "chat_message_v5_" + UUID.randomUUID().toString().substring(0, 8);
    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(LocalStack.shared().jdbcUrl(schema)
            + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true", "root", "");
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void dropSchema() {
        jdbc.sql("DROP DATABASE IF EXISTS " + schema).update();
    }

    @Test
    void publicationsTheRegistryHadNotCompletedMoveToTheOutboxInTheOrderTheyWereStored() {
        migrateTo("4");
        Instant earlier = Instant.parse("2026-11-20T08:00:00.123Z");
        Instant later = earlier.plusSeconds(5);
        String first = json.writeValueAsString(new OutboxBatch(List.of(stored("session_1", 1), stored("session_1", 2))));
        String second = json.writeValueAsString(new OutboxBatch(List.of(rejected("session_2"))));
        String done = json.writeValueAsString(new OutboxBatch(List.of(stored("session_3", 1))));
        // Stored out of id order on purpose: the registry's ids are random UUIDs, its order is the publication date.
        publication("f0000000-0000-0000-0000-000000000000", first, earlier, null);
        publication("00000000-0000-0000-0000-000000000000", second, later, null);
        publication("80000000-0000-0000-0000-000000000000", done, earlier, later);

        migrateTo("latest");

        List<Map<String, Object>> rows = jdbc.sql("SELECT events, created_at FROM outbox ORDER BY id")
                .query()
                .listOfRows();
        assertThat(rows).extracting(row -> row.get("events")).containsExactly(first, second);
        assertThat(rows).extracting(row -> ((LocalDateTime) row.get("created_at")).toInstant(ZoneOffset.UTC))
                .containsExactly(earlier, later);
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM information_schema.tables
                         WHERE table_schema = :schema AND table_name = 'EVENT_PUBLICATION'""")
                .param("schema", schema)
                .query(Long.class)
                .single()).isZero();
    }

    private void migrateTo(String version) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
    }

    /** A publication as Modulith 2.0.3's JDBC registry wrote it; completed ones have a completion date. */
    private void publication(String id, String serialized, Instant published, Instant completed) {
        jdbc.sql("""
                        INSERT INTO EVENT_PUBLICATION (ID, LISTENER_ID, EVENT_TYPE, SERIALIZED_EVENT, PUBLICATION_DATE,
                                                       COMPLETION_DATE, STATUS, COMPLETION_ATTEMPTS)
                        VALUES (:id, :listener, :type, :serialized, :published, :completed, :status, 1)""")
                .param("id", id)
                .param("listener", LISTENER)
                .param("type", OUTBOX_BATCH)
                .param("serialized", serialized)
                .param("published", LocalDateTime.ofInstant(published, ZoneOffset.UTC))
                .param("completed", completed == null ? null : LocalDateTime.ofInstant(completed, ZoneOffset.UTC))
                .param("status", completed == null ? "PROCESSING" : "COMPLETED")
                .update();
    }

    private static MessageStored stored(String sessionId, long sequence) {
        return new MessageStored(MessageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sessionId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "msg_1_0000000" + sequence, sequence, 42,
                SenderType.USER, "用户", null, "你好 " + sequence, MessageType.TEXT, "t" + sequence, List.of(), 42, 9L);
    }

    private static MessageRejected rejected(String sessionId) {
        return new MessageRejected(MessageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sessionId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "command-1", 42, SenderType.USER, "temp-2", 4013,
                "content exceeds 16384 bytes");
    }
}
