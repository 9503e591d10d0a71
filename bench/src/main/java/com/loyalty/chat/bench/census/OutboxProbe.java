package com.loyalty.chat.bench.census;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Watches message-service's transactional outbox ({@code chat_message.outbox}, one row per transaction's events):
 * how many rows are stored but not yet acknowledged by Kafka (the relay deletes a row once they are), and how old the
 * oldest is. A message is stored, then waits there until the relay sends its MessageStored; when delivery is slow but
 * every consumer group is caught up, this is where it waited.
 */
public final class OutboxProbe implements AutoCloseable {

    /** The largest backlog seen (outbox rows) and the oldest row seen waiting, in microseconds. */
    public record Peak(long rows, long oldestMicros) {
    }

    private final Connection connection;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long maxRows;
    private volatile long maxAgeMicros;
    private volatile boolean recording;

    public OutboxProbe(String jdbcUrl) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl);
        sampler = Thread.ofPlatform().daemon().name("outbox-probe").start(this::sample);
    }

    private void sample() {
        try (Statement statement = connection.createStatement()) {
            while (running) {
                // created_at holds UTC (message-service's connections are forced to it).
                try (ResultSet result = statement.executeQuery("SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(MICROSECOND,"
                        + " MIN(created_at), UTC_TIMESTAMP(6)), 0) FROM chat_message.outbox")) {
                    result.next();
                    if (recording) {
                        maxRows = Math.max(maxRows, result.getLong(1));
                        maxAgeMicros = Math.max(maxAgeMicros, result.getLong(2));
                    }
                }
                Thread.sleep(250);
            }
        } catch (SQLException | InterruptedException e) {
            // The probe is a diagnostic: without it the run still stands.
        }
    }

    /** Starts recording peaks (samples before this are the set-up's). */
    public void record() {
        maxRows = 0;
        maxAgeMicros = 0;
        recording = true;
    }

    public Peak peak() {
        return new Peak(maxRows, maxAgeMicros);
    }

    @Override
    public void close() throws SQLException {
        running = false;
        sampler.interrupt();
        connection.close();
    }
}
