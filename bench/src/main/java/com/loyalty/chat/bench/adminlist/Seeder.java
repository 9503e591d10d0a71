package com.loyalty.chat.bench.adminlist;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

import com.loyalty.chat.bench.Args;
import com.mysql.cj.jdbc.JdbcStatement;

/**
 * Fills the project's database with a history for the admin session list: sessions in {@code chat_session} (with the
 * list's read model filled in, as session-service keeps it from message events) and their messages in
 * {@code chat_message} (with message-service's {@code session_view}), straight through {@code LOAD DATA LOCAL INFILE}
 * from rows made on the fly. Each table is loaded in one transaction with unique and foreign key checks off: into an
 * empty InnoDB table MariaDB then builds the indexes by sorting instead of inserting row by row.
 *
 * <p>Rows are made by {@link SeedPlan}, a pure function of the sizes, so a seeded database is the same every time.
 * Seeding again over a seeded database does nothing; over a different one it refuses.
 */
public final class Seeder {

    static final String USAGE = """
            Usage: seed [options]
              --db-host H            MariaDB host (default 127.0.0.1)
              --db-port P            MariaDB port (default 3306, the local stack's)
              --sessions N           sessions (default 1000000)
              --messages-per-session M  messages in each session (default 20: 20,000,000 for a million sessions)
              --admins A             admins besides the demo admin 31 to spread sessions over (default 50)
            """;

    private final String url;
    private final SeedPlan plan;

    private Seeder(String url, SeedPlan plan) {
        this.url = url;
        this.plan = plan;
    }

    public static int main(String[] arguments) throws SQLException {
        if (List.of(arguments).contains("--help")) {
            System.out.print(USAGE);
            return 0;
        }
        Args args = Args.parse(arguments,
                Set.of("--db-host", "--db-port", "--sessions", "--messages-per-session", "--admins"), Set.of());
        SeedPlan plan = new SeedPlan(args.longValue("--sessions", 1_000_000),
                args.integer("--messages-per-session", 20), args.integer("--admins", 50),
                System.currentTimeMillis());
        String url = "jdbc:mysql://" + args.string("--db-host", "127.0.0.1") + ":" + args.integer("--db-port", 3306)
                + "/?user=root&allowLoadLocalInfile=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
        return new Seeder(url, plan).seed();
    }

    int seed() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            long seeded = count(connection,
                    "SELECT COUNT(*) FROM chat_session.customer_sessions WHERE user_id >= " + SeedPlan.FIRST_USER_ID);
            if (seeded == plan.sessions()) {
                log(seeded + " seeded sessions are there already; nothing to do");
                return 0;
            }
            if (seeded > 0) {
                log("the database holds " + seeded + " seeded sessions, not " + plan.sessions()
                        + ": start from an empty database");
                return 1;
            }
            long started = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION unique_checks = 0, foreign_key_checks = 0");
            }
            load(connection, "chat_session.users", "user_id, mobile, nickname, avatar, is_admin, created_at, updated_at",
                    plan.users() + plan.admins(), plan::userRow);
            load(connection, "chat_session.customer_sessions", SeedPlan.SESSION_COLUMNS, plan.sessions(),
                    plan::sessionRow);
            try (Statement statement = connection.createStatement()) {
                // Every total of the list is maintained by session-service: 'all', 'closed', 'pending' and 'waiting'
                // as running sums (SessionTotals), each admin's 'active' as admin_statuses.current_sessions.
                statement.executeUpdate("INSERT INTO chat_session.session_totals (total, slot, sessions) VALUES "
                        + "('opened', 0, " + plan.sessions() + "), ('closed', 0, " + plan.closedSessions() + ") "
                        + "ON DUPLICATE KEY UPDATE sessions = sessions + VALUES(sessions)");
                if (hasTotal(connection, "pending")) {
                    statement.executeUpdate("""
                            INSERT INTO chat_session.session_totals (total, slot, sessions)
                            SELECT 'pending', 0, COUNT(*) FROM chat_session.customer_sessions WHERE status = 'waiting'
                            UNION ALL
                            SELECT 'waiting', 0, COUNT(*) FROM chat_session.customer_sessions WHERE awaiting_reply = 1
                            ON DUPLICATE KEY UPDATE sessions = sessions + VALUES(sessions)""");
                }
                statement.executeUpdate("""
                        INSERT INTO chat_session.admin_statuses (admin_id, status, current_sessions, last_active_at,
                                                                 created_at, updated_at)
                        SELECT admin_id, 'offline', COUNT(*), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)
                          FROM chat_session.customer_sessions
                         WHERE admin_id IS NOT NULL AND open_marker = 1
                         GROUP BY admin_id
                        ON DUPLICATE KEY UPDATE current_sessions = current_sessions + VALUES(current_sessions)""");
            }
            load(connection, "chat_message.session_view", "session_id, user_id, admin_id, status, version, next_sequence",
                    plan.sessions(), plan::sessionViewRow);
            load(connection, "chat_message.chat_messages", SeedPlan.MESSAGE_COLUMNS, plan.messages(),
                    plan::messageRow);
            try (Statement statement = connection.createStatement()) {
                // Fresh statistics, so the optimizer sees the tables as they now are.
                statement.execute("ANALYZE TABLE chat_session.customer_sessions, chat_session.users, "
                        + "chat_message.chat_messages, chat_message.session_view");
            }
            log(String.format("seeded %d sessions and %d messages in %.0f s", plan.sessions(), plan.messages(),
                    (System.nanoTime() - started) / 1e9));
            return 0;
        }
    }

    /** One table in one transaction, streamed. */
    private void load(Connection connection, String table, String columns, long rows, RowStream.RowWriter writer)
            throws SQLException {
        long started = System.nanoTime();
        log("loading " + rows + " rows into " + table);
        LongConsumer progress = new LongConsumer() {
            private long nextReport = rows / 10;

            @Override
            public void accept(long done) {
                if (done >= nextReport && done < rows) {
                    log(String.format("  %s: %d%% (%.0f s)", table, done * 100 / rows,
                            (System.nanoTime() - started) / 1e9));
                    nextReport += rows / 10;
                }
            }
        };
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            InputStream rowsStream = new RowStream(rows, writer, progress);
            statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(rowsStream);
            statement.execute("LOAD DATA LOCAL INFILE 'generated' INTO TABLE " + table
                    + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
                    + columns + ")");
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        log(String.format("  %s: %d rows in %.0f s", table, rows, (System.nanoTime() - started) / 1e9));
    }

    /** Whether session-service's schema keeps this total (older ones kept only 'opened' and 'closed'). */
    private static boolean hasTotal(Connection connection, String total) throws SQLException {
        return count(connection, "SELECT COUNT(*) FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = "
                + "'chat_session' AND CONSTRAINT_NAME = 'ck_session_totals_total' AND CHECK_CLAUSE LIKE '%''"
                + total + "''%'") > 0;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    static void log(String line) {
        System.err.println("[seed " + Instant.now().toString().substring(11, 19) + "] " + line);
    }
}
