package com.loyalty.chat.chassis.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.localstack.LocalStackInitializer;

/** The failure policy and static membership, against the local stack's real broker. */
@SpringBootTest(properties = {
        "spring.kafka.bootstrap-servers=${KAFKA_BOOTSTRAP_SERVERS}",
        "spring.kafka.consumer.auto-offset-reset=earliest",
        "spring.kafka.consumer.group-id=chassis-test",
        "spring.kafka.consumer.key-deserializer=org.apache.kafka.common.serialization.StringDeserializer",
        "spring.kafka.consumer.value-deserializer=org.apache.kafka.common.serialization.StringDeserializer",
        "spring.kafka.producer.key-serializer=org.apache.kafka.common.serialization.StringSerializer",
        "spring.kafka.producer.value-serializer=org.apache.kafka.common.serialization.StringSerializer",
        "chat.kafka.instance-id=chassis-test-instance",
        "chat.kafka.retry.max-interval=100ms"})
@ContextConfiguration(initializers = LocalStackInitializer.class)
class ConsumerPolicyTest {

    static final String RECORDS = "chassis-test.records";
    static final String BATCHES = "chassis-test.batches";

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    Handled handled;

    @Value("${KAFKA_BOOTSTRAP_SERVERS}")
    String bootstrapServers;

    @Value("${chat.kafka.instance-id}")
    String instanceId;

    @Value("${spring.kafka.consumer.group-id}")
    String groupId;

    @Test
    void aRecordThatFailsForGoodIsDeadLetteredAtOnceAndTheNextIsHandled() {
        String key = UUID.randomUUID().toString();
        kafka.send(RECORDS, key, "poison " + key);
        kafka.send(RECORDS, key, "good " + key);

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.values.contains("good " + key));
        assertThat(deadLettersOf(RECORDS, key)).containsExactly("poison " + key);
    }

    @Test
    void aTransientFailureIsRetriedUntilItPassesAndNothingIsDeadLettered() {
        String key = UUID.randomUUID().toString();
        kafka.send(RECORDS, key, "flaky " + key);

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.values.contains("flaky " + key));
        assertThat(handled.flakyAttempts.get()).isGreaterThan(Handled.FLAKY_FAILURES);
        kafka.send(RECORDS, key, "poison " + key);
        await().atMost(Duration.ofSeconds(30)).until(() -> !deadLettersOf(RECORDS, key).isEmpty());
        assertThat(deadLettersOf(RECORDS, key)).containsExactly("poison " + key);
    }

    @Test
    void aBatchWithOneBadRecordHandlesTheOthersAndDeadLettersTheBadOne() {
        String key = UUID.randomUUID().toString();
        List.of("first", "poison", "last").forEach(value -> kafka.send(BATCHES, key, value + " " + key));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> handled.batched.containsAll(List.of("first " + key, "last " + key)));
        assertThat(handled.batched).doesNotContain("poison " + key);
        assertThat(deadLettersOf(BATCHES, key)).containsExactly("poison " + key);
    }

    @Test
    void eachConsumerJoinsAsAStaticMemberNamedAfterTheInstanceAndListener() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
                    admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId).members().stream()
                            .map(MemberDescription::groupInstanceId).map(id -> id.orElse("dynamic")))
                    .containsExactlyInAnyOrder(instanceId + "-records-0", instanceId + "-batches-0"));
        }
    }

    private List<String> deadLettersOf(String topic, String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID()),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetterOf(topic)));
            List<String> found = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record.value());
                    }
                });
                return !found.isEmpty();
            });
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                if (key.equals(record.key())) {
                    found.add(record.value());
                }
            });
            return found;
        }
    }

    static class Handled {

        static final int FLAKY_FAILURES = 3;

        final List<String> values = new CopyOnWriteArrayList<>();
        final List<String> batched = new CopyOnWriteArrayList<>();
        final AtomicInteger flakyAttempts = new AtomicInteger();

        @KafkaListener(id = "records", idIsGroup = false, topics = RECORDS)
        void onRecord(String value) {
            if (value.startsWith("poison")) {
                throw new IllegalArgumentException("cannot handle " + value);
            }
            if (value.startsWith("flaky") && flakyAttempts.incrementAndGet() <= FLAKY_FAILURES) {
                throw new DataAccessResourceFailureException("the database is away");
            }
            values.add(value);
        }

        @KafkaListener(id = "batches", idIsGroup = false, topics = BATCHES, batch = "true")
        void onBatch(List<ConsumerRecord<String, String>> records) {
            BatchPoison.handleIsolatingPoison(records, batch -> {
                if (batch.stream().anyMatch(record -> record.value().startsWith("poison"))) {
                    throw new IllegalArgumentException("a bad record in the batch");
                }
                batch.forEach(record -> batched.add(record.value()));
            });
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {

        @Bean
        Handled handled() {
            return new Handled();
        }
    }
}
