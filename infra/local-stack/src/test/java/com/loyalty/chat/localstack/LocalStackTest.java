package com.loyalty.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class LocalStackTest {

    private final LocalStack stack = LocalStack.shared();

    @Test
    void databaseCreatesTheSchemaOnFirstConnectionAndStoresRows() throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("local_stack_test"), "root", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE greeting (id BIGINT PRIMARY KEY, text VARCHAR(64))");
            statement.execute("INSERT INTO greeting VALUES (1, '你好 👋')");

            try (ResultSet rows = statement.executeQuery("SELECT text FROM greeting WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("你好 👋");
            }
        }
    }

    @Test
    void kafkaDeliversWhatWasProducedToANewTopic() throws Exception {
        String topic = "local-stack-test-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            producer.send(new ProducerRecord<>(topic, "session-1", "hello")).get();
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
        }

        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("session-1");
            assertThat(record.value()).isEqualTo("hello");
        });
    }

    @Test
    void topicsCreatedOnFirstUseHaveSixPartitions() throws Exception {
        String topic = "local-stack-partitions-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            producer.send(new ProducerRecord<>(topic, "key", "value")).get();
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(6);
        }
    }

    @Test
    void publishedJwkSetVerifiesIssuedTokens() throws Exception {
        String token = stack.tokens().issue(31, "13612227930", "Admin", true);

        JWTClaimsSet claims = verifierAgainstPublishedJwkSet().process(token, null);

        assertThat(claims.getSubject()).isEqualTo("31");
        assertThat(claims.getIssuer()).isEqualTo("chat-session-service");
        assertThat(claims.getStringClaim("mobile")).isEqualTo("13612227930");
        assertThat(claims.getStringClaim("nickname")).isEqualTo("Admin");
        assertThat(claims.getBooleanClaim("is_admin")).isTrue();
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
    }

    @Test
    void expiredTokensAreRejected() throws Exception {
        String token = stack.tokens().issueExpired(7, "13800000001", "User", false);

        assertThatThrownBy(() -> verifierAgainstPublishedJwkSet().process(token, null))
                .isInstanceOf(BadJWTException.class)
                .hasMessageContaining("Expired");
    }

    @Test
    void jwkSetIsServedAsJsonWithAKeyId() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(stack.jwkSetUri()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        RSAKey key = JWKSet.parse(response.body()).getKeys().getFirst().toRSAKey();
        assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
        assertThat(key.isPrivate()).isFalse();
    }

    @Test
    void privateKeyFileHoldsTheKeyBehindThePublishedJwk() throws Exception {
        String pem = Files.readString(stack.privateKeyFile());
        byte[] der = Base64.getMimeDecoder().decode(pem
                .replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", ""));
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(der));

        RSAKey published = JWKSet.load(stack.jwkSetUri().toURL()).getKeys().getFirst().toRSAKey();

        assertThat(privateKey.getModulus()).isEqualTo(published.toRSAPublicKey().getModulus());
        assertThat(privateKey.getModulus().bitLength()).isEqualTo(2048);
    }

    private DefaultJWTProcessor<SecurityContext> verifierAgainstPublishedJwkSet() throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(stack.jwkSetUri().toURL()).retrying(false).build()));
        return processor;
    }

    private Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    private Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return config;
    }
}
