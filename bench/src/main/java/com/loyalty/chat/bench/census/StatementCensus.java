package com.loyalty.chat.bench.census;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every statement the services send to MariaDB during a window, from its general query log (written to the
 * {@code mysql.general_log} table), grouped by schema (one per service) and by statement shape. The log costs the
 * database dearly: a census run counts, it does not time.
 */
public final class StatementCensus implements AutoCloseable {

    /** Statements of one shape from one schema. */
    public record Shape(String schema, String statement, long count) {
    }

    private static final Pattern STRING = Pattern.compile("'(?:[^'\\\\]++|\\\\.|'')*+'");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+(?:\\.\\d+)?\\b");
    private static final Pattern LIST = Pattern.compile("\\(\\s*\\?(?:\\s*,\\s*\\?)*\\s*\\)");
    private static final Pattern ROWS = Pattern.compile("\\(\\?\\)(?:\\s*,\\s*\\(\\?\\))+");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final int SHAPE_LENGTH = 110;

    private final Connection connection;
    private final long ownId;

    public StatementCensus(String jdbcUrl) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl);
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT CONNECTION_ID()")) {
            result.next();
            ownId = result.getLong(1);
        }
    }

    public void start() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET GLOBAL general_log = 0");
            statement.execute("TRUNCATE TABLE mysql.general_log");
            statement.execute("SET GLOBAL log_output = 'TABLE'");
            statement.execute("SET GLOBAL general_log = 1");
        }
    }

    /** Stops logging and returns what was logged, most frequent first; the log table is emptied. */
    public List<Shape> stop() throws SQLException {
        Map<Long, String> schemaOfConnection = new HashMap<>();
        Map<List<String>, Long> counts = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET GLOBAL general_log = 0");
            // Pooled connections outlive the window, and each keeps to its service's schema.
            try (ResultSet result = statement.executeQuery(
                    "SELECT ID, COALESCE(DB, '-') FROM information_schema.PROCESSLIST")) {
                while (result.next()) {
                    schemaOfConnection.put(result.getLong(1), result.getString(2));
                }
            }
            try (ResultSet result = statement.executeQuery(
                    "SELECT thread_id, command_type, CONVERT(argument USING utf8mb4) FROM mysql.general_log")) {
                while (result.next()) {
                    long thread = result.getLong(1);
                    String command = result.getString(2);
                    // Every service's pool connects to its own schema; connections without one are the
                    // benchmark's (this census, the outbox probe).
                    String schema = schemaOfConnection.getOrDefault(thread, "-");
                    if (thread == ownId || schema.equals("-")
                            || !(command.equals("Query") || command.equals("Execute"))) {
                        continue;
                    }
                    counts.merge(List.of(schema, shape(result.getString(3))), 1L, Long::sum);
                }
            }
            statement.execute("TRUNCATE TABLE mysql.general_log");
        }
        return counts.entrySet().stream()
                .map(entry -> new Shape(entry.getKey().get(0), entry.getKey().get(1), entry.getValue()))
                .sorted((a, b) -> a.schema().equals(b.schema()) ? Long.compare(b.count(), a.count())
                        : a.schema().compareTo(b.schema()))
                .toList();
    }

    /** The statement with its values replaced by {@code ?}, lists and multi-row VALUES folded, and cut short. */
    static String shape(String sql) {
        String shape = STRING.matcher(sql).replaceAll("?");
        shape = NUMBER.matcher(shape).replaceAll("?");
        shape = LIST.matcher(shape).replaceAll("(?)");
        shape = ROWS.matcher(shape).replaceAll("(?),…");
        shape = SPACE.matcher(shape).replaceAll(" ").trim();
        return shape.length() <= SHAPE_LENGTH ? shape : shape.substring(0, SHAPE_LENGTH) + "…";
    }

    /** Statements per schema. */
    public static Map<String, Long> bySchema(List<Shape> shapes) {
        Map<String, Long> totals = new TreeMap<>();
        shapes.forEach(shape -> totals.merge(shape.schema(), shape.count(), Long::sum));
        return totals;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
