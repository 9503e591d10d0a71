package com.loyalty.chat.realtime.presence;

import static com.loyalty.chat.realtime.support.ContractFormats.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.realtime.NodeTest;
import com.loyalty.chat.realtime.support.Kafka;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

class PresenceTest extends NodeTest {

    private final TestAccount account = TestAccount.next("presence");

    @Test
    void openingAndClosingAConnectionArePublishedKeyedByNode() {
        try (TopicReader<JsonNode> presence = Kafka.tail(Topics.PRESENCE_EVENTS)) {
            String connectionId;
            try (TestSocket client = connect("/chat?type=admin&token=" + account.adminToken())) {
                connectionId = client.awaitFrame("connection_established").path("data").path("connectionId")
                        .asString();
                var opened = presence.awaitRecord(record -> isAbout(record, "ConnectionOpened", connectionId));

                assertThat(opened.key()).isEqualTo(NODE_A);
                assertPresence(opened.value(), "admin");
            }
            var closed = presence.awaitRecord(record -> isAbout(record, "ConnectionClosed", connectionId));

            assertThat(closed.key()).isEqualTo(NODE_A);
            assertPresence(closed.value(), "admin");
        }
    }

    @Test
    void everyEventOfThisProcessCarriesOneRunId() {
        try (TopicReader<JsonNode> presence = Kafka.tail(Topics.PRESENCE_EVENTS)) {
            String connectionId;
            try (TestSocket client = connect("/ws?token=" + account.userToken())) {
                connectionId = client.awaitFrame("connection_established").path("data").path("connectionId")
                        .asString();
            }
            String runId = presence.awaitRecord(record -> isAbout(record, "ConnectionOpened", connectionId)).value()
                    .path("runId").asString();
            String closed = presence.awaitRecord(record -> isAbout(record, "ConnectionClosed", connectionId)).value()
                    .path("runId").asString();

            assertThat(runId).isNotBlank().isEqualTo(closed);
            presence.awaitRecord(record -> record.value().path("type").asString().equals("NodeHeartbeat")
                    && NODE_A.equals(record.value().path("nodeId").asString())
                    && runId.equals(record.value().path("runId").asString()));
        }
    }

    @Test
    void theNodeSendsHeartbeatsWithItsConnectionCount() {
        try (TopicReader<JsonNode> presence = Kafka.tail(Topics.PRESENCE_EVENTS)) {
            var heartbeat = presence.awaitRecord(record ->
                    record.value().path("type").asString().equals("NodeHeartbeat")
                    && NODE_A.equals(record.value().path("nodeId").asString()));

            assertThat(heartbeat.key()).isEqualTo(NODE_A);
            assertThat(heartbeat.value().path("schemaVersion").asInt()).isEqualTo(1);
            assertThat(heartbeat.value().path("connections").isInt()).isTrue();
        }
    }

    private void assertPresence(JsonNode event, String role) {
        assertThat(event.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(event.path("eventId").asString()).isNotBlank();
        assertThat(event.path("nodeId").asString()).isEqualTo(NODE_A);
        assertThat(event.path("userId").asLong()).isEqualTo(account.userId());
        assertThat(event.path("role").asString()).isEqualTo(role);
        assertThat(event.path("occurredAt").asString()).matches(TIMESTAMP);
    }

    private static boolean isAbout(ConsumerRecord<String, JsonNode> record, String type, String connectionId) {
        return type.equals(record.value().path("type").asString())
                && connectionId.equals(record.value().path("connectionId").asString());
    }
}
