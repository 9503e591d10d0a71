package com.loyalty.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(initializers = LocalStackInitializer.class)
@TestPropertySource(properties = {"CHAT_DB_PORT=1", "KAFKA_BOOTSTRAP_SERVERS=elsewhere:9092"})
class LocalStackInitializerTest {

    @Autowired
    private Environment environment;

    @Test
    void pointsTheContextAtTheSharedStackAheadOfOtherProperties() {
        LocalStack stack = LocalStack.shared();

        assertThat(environment.getProperty("CHAT_DB_HOST")).isEqualTo("127.0.0.1");
        assertThat(environment.getProperty("CHAT_DB_PORT")).isEqualTo(String.valueOf(stack.databasePort()));
        assertThat(environment.getProperty("CHAT_DB_USER")).isEqualTo("root");
        assertThat(environment.getProperty("CHAT_DB_PASSWORD")).isEmpty();
        assertThat(environment.getProperty("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(stack.kafkaBootstrapServers());
        assertThat(environment.getProperty("CHAT_JWT_PRIVATE_KEY_FILE")).isEqualTo(stack.privateKeyFile().toString());
        assertThat(environment.getProperty("CHAT_JWK_SET_URI")).isEqualTo(stack.jwkSetUri().toString());
    }

    @Configuration
    static class EmptyConfiguration {
    }
}
