package com.loyalty.chat.chassis.outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code outbox} table: each row the events of one announcement (or part of them), as
 * {@code {"events": [...]}}. Rows are written inside the business transaction and deleted, many at a time, once Kafka
 * acknowledged them.
 */
class OutboxRows {

    /** Most ids in one {@code DELETE}; more are deleted in several statements of one transaction. */
    private static final int IDS_PER_DELETE = 1000;

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    OutboxRows(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** A row as stored. */
    record Stored(long id, String events) {
    }

    /**
     * Inserts one row per element, in one statement (a JDBC batch is one multi-row {@code INSERT} with
     * {@code rewriteBatchedStatements}), and answers their ids in the same order. Must run in the transaction whose
     * events they are.
     */
    List<Long> insert(List<String> rowsOfEvents) {
        return jdbcTemplate.execute((ConnectionCallback<List<Long>>) connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox (events) VALUES (?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                if (rowsOfEvents.size() == 1) {
                    insert.setString(1, rowsOfEvents.getFirst());
                    insert.executeUpdate();
                }
                else {
                    for (String events : rowsOfEvents) {
                        insert.setString(1, events);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                List<Long> ids = new ArrayList<>(rowsOfEvents.size());
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    while (keys.next()) {
                        ids.add(keys.getLong(1));
                    }
                }
                if (ids.size() != rowsOfEvents.size()) {
                    throw new IllegalStateException("inserted " + rowsOfEvents.size() + " outbox rows but got "
                            + ids.size() + " ids");
                }
                return ids;
            }
        });
    }

    /** The first {@code limit} rows after {@code afterId}, in id order. */
    List<Stored> after(long afterId, int limit) {
        return jdbc.sql("SELECT id, events FROM outbox WHERE id > :after ORDER BY id LIMIT :limit")
                .param("after", afterId)
                .param("limit", limit)
                .query((row, rowNumber) -> new Stored(row.getLong("id"), row.getString("events")))
                .list();
    }

    /** The ids of up to {@code limit} rows stored longer than {@code age} ago by the database's clock, oldest first. */
    List<Long> olderThan(Duration age, int limit) {
        return jdbc.sql("""
                        SELECT id FROM outbox
                         WHERE created_at < NOW(3) - INTERVAL :micros MICROSECOND
                         ORDER BY id
                         LIMIT :limit""")
                .param("micros", age.toNanos() / 1000)
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /** Deletes these rows in a transaction of its own: one statement per thousand ids, then the commit. */
    void delete(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<Long> all = List.copyOf(ids);
        transactions.executeWithoutResult(status -> {
            for (int from = 0; from < all.size(); from += IDS_PER_DELETE) {
                jdbc.sql("DELETE FROM outbox WHERE id IN (:ids)")
                        .param("ids", all.subList(from, Math.min(all.size(), from + IDS_PER_DELETE)))
                        .update();
            }
        });
    }
}
