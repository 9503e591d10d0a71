package com.loyalty.chat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mysql.MySQLContainer;

/**
 * Every service's migrations on MySQL 8.4, the production database (everything else here runs on MariaDB). Needs a
 * Docker engine; without one it is skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class MySqlMigrationsTest {

    @Container
    static final MySQLContainer MYSQL = new MySQLContainer("mysql:8.4");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"session-service:chat_session", "message-service:chat_message", "stats-service:chat_stats"})
    void migrationsApplyToAnEmptySchema(String serviceAndSchema) throws SQLException {
        String service = serviceAndSchema.substring(0, serviceAndSchema.indexOf(':'));
        String schema = serviceAndSchema.substring(serviceAndSchema.indexOf(':') + 1);
        Path migrations = Repository.path(service + "/src/main/resources/db/migration");
        try (Connection connection = DriverManager.getConnection(MYSQL.getJdbcUrl(), "root", MYSQL.getPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + schema);
        }

        MigrateResult result = Flyway.configure()
                .dataSource(MYSQL.getJdbcUrl().replace("/" + MYSQL.getDatabaseName(), "/" + schema),
                        "root", MYSQL.getPassword())
                .locations("filesystem:" + migrations)
                .load()
                .migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(count(migrations));
    }

    private static int count(Path migrations) {
        try (Stream<Path> files = Files.list(migrations)) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
