package com.loyalty.chat.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link LocalStack} listens and keeps its files. The stack owns {@code dataDirectory}: it starts from empty
 * sub-directories there and removes them when it stops, so no state survives a restart.
 *
 * @param kafkaPort           the broker's client port
 * @param kafkaControllerPort the KRaft controller's port
 * @param databasePort        MariaDB's port on 127.0.0.1
 * @param dataDirectory       where the database, the Kafka log and the signing key live while the stack runs
 */
public record LocalStackOptions(int kafkaPort, int kafkaControllerPort, int databasePort, Path dataDirectory) {

    /** The ports {@code ./run} and the services' defaults use. */
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_DATABASE_PORT = 3306;

    public LocalStackOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    /** Free ports and a fresh temporary directory, so stacks of parallel builds do not meet. */
    public static LocalStackOptions freePorts() {
        int[] ports = FreePorts.allocate(3);
        try {
            return new LocalStackOptions(ports[0], ports[1], ports[2], Files.createTempDirectory("local-stack-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default ports (Kafka 9092, controller 9093, MariaDB 3306), as the services expect without configuration. */
    public static LocalStackOptions fixedPorts(Path dataDirectory) {
        return new LocalStackOptions(DEFAULT_KAFKA_PORT, DEFAULT_KAFKA_CONTROLLER_PORT, DEFAULT_DATABASE_PORT,
                dataDirectory);
    }
}
