package com.loyalty.chat.realtime.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.realtime.support.Kafka;
import com.loyalty.chat.realtime.support.Nodes;
import com.loyalty.chat.realtime.support.Stubs;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

/**
 * A node of its own that pings quiet connections often and expects a quick pong, with an idle timeout far beyond
 * any test, so only a missing pong closes a connection here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.realtime.node.id=node-liveness",
        "chat.realtime.connection.idle-timeout=1h",
        "chat.realtime.connection.idle-check-interval=100ms",
        "chat.realtime.connection.ping-interval=300ms",
        "chat.realtime.connection.pong-timeout=500ms"})
@ContextConfiguration(initializers = {LocalStackInitializer.class, Stubs.class})
class LivenessTest {

    @LocalServerPort
    private int port;

    @Test
    void aConnectionThatAnswersPingsStaysOpen() {
        try (TestSocket client = connect()) {
            client.awaitFrame("offline_messages");

            await().until(() -> client.pings() >= 3);

            client.send("ping", Map.of(), "still-there");
            assertThat(client.awaitFrame("pong").path("requestId").asString()).isEqualTo("still-there");
            assertThat(client.closedByServer()).isFalse();
        }
    }

    @Test
    void aHalfOpenConnectionThatAnswersNoPingIsClosed() {
        try (TopicReader<JsonNode> presence = Kafka.tail(Topics.PRESENCE_EVENTS);
             TestSocket client = connect()) {
            String connectionId = client.awaitFrame("connection_established").path("data").path("connectionId")
                    .asString();
            client.awaitFrame("offline_messages");

            // A client that takes nothing off its socket answers no ping: as a vanished browser or phone.
            client.pauseReading();

            presence.awaitRecord(record -> "ConnectionClosed".equals(record.value().path("type").asString())
                    && connectionId.equals(record.value().path("connectionId").asString()));
        }
    }

    private TestSocket connect() {
        return TestSocket.connect(Nodes.uri(port, "/ws?token=" + TestAccount.next("心跳").userToken()));
    }
}
