package com.loyalty.chat.realtime.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.realtime.support.Events;
import com.loyalty.chat.realtime.support.Kafka;
import com.loyalty.chat.realtime.support.Nodes;
import com.loyalty.chat.realtime.support.Stubs;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

/**
 * A node of its own with small limits: three connections, a rate limit that does not refill while a test runs, and
 * a send queue of 1 MB with a send time limit of 2 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.realtime.node.id=node-limits",
        "chat.realtime.connection.max-connections=3",
        "chat.realtime.connection.rate-limit.burst=3",
        "chat.realtime.connection.rate-limit.frames-per-second=0.0001",
        "chat.realtime.connection.send-buffer-size=1MB",
        "chat.realtime.connection.send-time-limit=2s"})
@ContextConfiguration(initializers = {LocalStackInitializer.class, Stubs.class})
class NodeLimitsTest {

    @LocalServerPort
    private int port;

    @Autowired
    private ConnectionRegistry registry;

    @Autowired
    private ConnectionGate gate;

    /** Earlier tests' clients may still be on their way out; each test starts with the node's room to itself. */
    @BeforeEach
    void awaitAnEmptyNode() {
        Nodes.awaitDelivering(port, getClass());
        await().until(() -> registry.size() == 0);
    }

    @Test
    void framesOverTheRateLimitAreAnsweredWith4029AndDroppedAndTheConnectionStays() {
        try (TestSocket client = connect("/ws?token=" + TestAccount.next("急性子").userToken())) {
            client.awaitFrame("offline_messages");

            for (int i = 1; i <= 5; i++) {
                client.send("ping", Map.of(), "p" + i);
            }

            await().until(() -> client.framesOfType("pong").size() + client.framesOfType("error").size() == 5);
            assertThat(client.framesOfType("pong")).extracting(frame -> frame.path("requestId").asString())
                    .containsExactly("p1", "p2", "p3");
            List<JsonNode> refused = client.framesOfType("error");
            assertThat(refused).extracting(frame -> frame.path("requestId").asString()).containsExactly("p4", "p5");
            assertThat(refused).allSatisfy(frame -> {
                assertThat(frame.path("data").path("code").asInt()).isEqualTo(4029);
                assertThat(frame.path("data").path("requestType").asString()).isEqualTo("ping");
            });
            assertThat(client.closedByServer()).isFalse();
        }
    }

    @Test
    void aFullNodeRefusesTheHandshakeWith503AndSaysSo() throws Exception {
        String token = TestAccount.next("挤不进").userToken();
        List<TestSocket> admitted = new ArrayList<>();
        try {
            admitted.add(connect("/ws?token=" + token));
            admitted.add(connect("/ws?token=" + token));
            admitted.add(connect("/ws?token=" + token));
            admitted.forEach(client -> client.awaitFrame("connection_established"));

            assertThatThrownBy(() -> connect("/ws?token=" + token))
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(WebSocketHandshakeException.class, refused -> {
                        assertThat(refused.getResponse().statusCode()).isEqualTo(503);
                        assertThat(refused.getResponse().headers().firstValue("Retry-After")).hasValue("5");
                    });
            JsonNode envelope = get("/ws?token=" + token);
            assertThat(envelope.path("code").asInt()).isEqualTo(5003);
            assertThat(envelope.path("success").asBoolean()).isFalse();
            assertThat(envelope.path("msg").asString()).contains("full");
        } finally {
            admitted.forEach(TestSocket::close);
        }
    }

    @Test
    void aDrainingNodeTellsItsClientsToReconnectAndRefusesNewOnesWith503() throws Exception {
        String token = TestAccount.next("换节点").userToken();
        try (TestSocket client = connect("/chat?token=" + token)) {
            client.awaitFrame("offline_messages");

            gate.stop();

            assertThat(client.awaitCloseCode()).isEqualTo(1012);
            JsonNode envelope = get("/chat?token=" + token);
            assertThat(envelope.path("code").asInt()).isEqualTo(5003);
            assertThat(envelope.path("msg").asString()).contains("shutting down");
        } finally {
            gate.start();
        }
    }

    @Test
    void aClientTooSlowToReadIsClosedWhileOthersOnTheNodeKeepReceiving() {
        TestAccount slowUser = TestAccount.next("慢吞吞");
        TestAccount fastUser = TestAccount.next("快手");
        String slowSession = Events.newSessionId();
        String fastSession = Events.newSessionId();
        String bigContent = "大".repeat(100_000);
        try (TopicReader<JsonNode> presence = Kafka.tail(Topics.PRESENCE_EVENTS);
             TestSocket slow = connect("/ws?token=" + slowUser.userToken());
             TestSocket fast = connect("/ws?token=" + fastUser.userToken())) {
            String slowConnection = slow.awaitFrame("connection_established").path("data").path("connectionId")
                    .asString();
            slow.awaitFrame("offline_messages");
            fast.awaitFrame("offline_messages");
            slow.pauseReading();

            AtomicInteger published = new AtomicInteger();
            await().until(() -> {
                int n = published.incrementAndGet();
                Events.publish(Events.stored(slowSession, 7, SenderType.ADMIN, "客服", bigContent, "temp_big_" + n,
                        slowUser.userId(), 7L));
                Events.publish(Events.stored(fastSession, 7, SenderType.ADMIN, "客服", "small " + n, "temp_small_" + n,
                        fastUser.userId(), 7L));
                return presence.received().stream().anyMatch(record -> "ConnectionClosed".equals(
                        record.value().path("type").asString())
                        && slowConnection.equals(record.value().path("connectionId").asString()));
            });

            await().until(() -> fast.framesOfType("new_message").size() == published.get());
            assertThat(fast.closedByServer()).isFalse();
            slow.resumeReading();
            await().until(slow::closedByServer);
            assertThat(slow.framesOfType("new_message").size()).isLessThan(published.get());
        }
    }

    private TestSocket connect(String pathAndQuery) {
        return TestSocket.connect(Nodes.uri(port, pathAndQuery));
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(503);
        return Kafka.JSON.readTree(response.body());
    }
}
