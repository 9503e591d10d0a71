package com.loyalty.chat.bench.adminlist;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** The database the list ran against, in one line: how much of it fits in memory decides the deep pages. */
final class DatabaseFacts {

    private DatabaseFacts() {
    }

    static String describe(int port) {
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?user=root");
             Statement statement = connection.createStatement()) {
            StringBuilder line = new StringBuilder("MariaDB ");
            try (ResultSet result = statement.executeQuery(
                    "SELECT VERSION(), @@innodb_buffer_pool_size / 1048576")) {
                result.next();
                line.append(result.getString(1)).append(", buffer pool ").append(result.getLong(2)).append(" MiB");
            }
            try (ResultSet result = statement.executeQuery("""
                    SELECT table_schema, table_name, table_rows, (data_length + index_length) / 1048576
                      FROM information_schema.tables
                     WHERE (table_schema, table_name) IN (('chat_session', 'customer_sessions'),
                                                          ('chat_message', 'chat_messages'))""")) {
                while (result.next()) {
                    line.append(String.format(Locale.ROOT, "; %s.%s ~%d rows, %d MiB with indexes",
                            result.getString(1), result.getString(2), result.getLong(3), result.getLong(4)));
                }
            }
            return line.append('.').toString();
        } catch (SQLException e) {
            return "Database facts unavailable: " + e.getMessage();
        }
    }
}
