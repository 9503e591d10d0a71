package com.loyalty.chat.localstack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/** A single-node Kafka cluster in this JVM, broker and KRaft controller in one server. */
final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    static EmbeddedKafka start(int port, int controllerPort, Path logDirectory) {
        KafkaConfig config = KafkaConfig.fromProps(properties(port, controllerPort, logDirectory), false);
        format(logDirectory);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            // Returns once the broker has registered with the controller and is unfenced, i.e. serves clients.
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw new IllegalStateException("Kafka did not start on port " + port, e);
        }
        return new EmbeddedKafka(server, "127.0.0.1:" + port);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * What {@code kafka-storage.sh format} does: a KRaft node will not start on an unformatted log directory. One that
     * an earlier run formatted is left as it is, with its cluster id and its topics.
     */
    private static void format(Path logDirectory) {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDirectory.toString())
                    .addDirectory(logDirectory.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka log directory " + logDirectory, e);
        }
    }

    private static Properties properties(int port, int controllerPort, Path logDirectory) {
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        properties.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:"
                + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", logDirectory.toString());

        // Services rely on their topics appearing on first use, with room for per-key ordering across consumers.
        properties.put("auto.create.topics.enable", "true");
        properties.put("num.partitions", "6");

        // One broker: every internal topic must be content with one replica.
        properties.put("default.replication.factor", "1");
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");

        // Small and quick: a consumer group forms at once, internal topics need few partitions and
        // the log cleaner does not reserve 128 MB of the host's heap.
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("offsets.topic.num.partitions", "6");
        properties.put("transaction.state.log.num.partitions", "6");
        properties.put("log.segment.bytes", String.valueOf(8 * 1024 * 1024));
        properties.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));
        properties.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        properties.put("num.network.threads", "2");
        properties.put("num.io.threads", "4");
        return properties;
    }
}
