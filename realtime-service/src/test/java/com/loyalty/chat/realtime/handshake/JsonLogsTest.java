package com.loyalty.chat.realtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.realtime.support.Kafka;
import com.loyalty.chat.realtime.support.Stubs;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

/** With {@code CHAT_LOG_FORMAT=ecs} the node writes JSON lines, and they leave tokens out as plain lines do. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.realtime.node.id=node-json-logs",
        "logging.structured.format.console=ecs"})
@ContextConfiguration(initializers = {LocalStackInitializer.class, Stubs.class})
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsTest {

    /** Boot hands the format to logback as this system property and never replaces one an earlier context set. */
    private static final String FORMAT_PROPERTY = "CONSOLE_LOG_STRUCTURED_FORMAT";
    private static final Logger log = LoggerFactory.getLogger(JsonLogsTest.class);

    static {
        System.clearProperty(FORMAT_PROPERTY);
    }

    @AfterAll
    static void plainLinesForTheNextContext() {
        System.clearProperty(FORMAT_PROPERTY);
    }

    private final TestAccount account = TestAccount.next("json logs");

    @Test
    void aLineIsJsonWithItsTokenRedacted(CapturedOutput output) {
        String token = account.userToken();

        log.warn("Handshake GET /ws?token={}", token, new IllegalStateException("Bearer " + token));

        String line = output.getOut().lines().filter(text -> text.contains("Handshake GET")).findFirst().orElseThrow();
        JsonNode json = Kafka.JSON.readTree(line);
        assertThat(json.path("message").asString()).isEqualTo("Handshake GET /ws?token=[redacted]");
        assertThat(json.path("log").path("level").asString()).isEqualTo("WARN");
        assertThat(line).doesNotContain(token);
    }
}
