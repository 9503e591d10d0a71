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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.realtime.support.Kafka;
import com.loyalty.chat.realtime.support.Nodes;
import com.loyalty.chat.realtime.support.Stubs;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

/**
 * A node whose cap comes from its heap, not from configuration: each connection is planned at a third of the heap
 * (and more), so the heap holds three. The fourth client is refused before it costs anything, with 503, 5003 and a
 * {@code Retry-After}, while the three keep being served; once one leaves there is room again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.realtime.node.id=node-heap-capacity",
        "chat.realtime.connection.max-connections=20000",
        "chat.realtime.connection.heap-reserve=0B",
        "chat.realtime.connection.retry-after=7s"})
@ContextConfiguration(initializers = {LocalStackInitializer.class, Stubs.class})
class HeapCapacityTest {

    @DynamicPropertySource
    static void aThirdOfTheHeapPerConnection(DynamicPropertyRegistry registry) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        registry.add("chat.realtime.connection.memory-per-connection", () -> (long) Math.ceil(maxHeap / 3.5) + "B");
    }

    @LocalServerPort
    private int port;

    @Autowired
    private ConnectionRegistry registry;

    @Autowired
    private ConnectionCapacity capacity;

    @BeforeEach
    void awaitAnEmptyNode() {
        Nodes.awaitDelivering(port, getClass());
        await().until(() -> registry.size() == 0);
    }

    @Test
    void theConnectionPastWhatTheHeapHoldsIsRefusedWith503AndRetryAfterWhileTheOthersAreServed() throws Exception {
        assertThat(capacity.cap()).isEqualTo(3);
        assertThat(capacity.limits().byHeap()).isEqualTo(3);
        String token = TestAccount.next("挤满了").userToken();
        List<TestSocket> admitted = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                admitted.add(connect(token));
            }
            admitted.forEach(client -> client.awaitFrame("offline_messages"));

            assertThatThrownBy(() -> connect(token))
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(WebSocketHandshakeException.class, refused -> {
                        assertThat(refused.getResponse().statusCode()).isEqualTo(503);
                        assertThat(refused.getResponse().headers().firstValue("Retry-After")).hasValue("7");
                    });
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ws?token=" + token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
            JsonNode envelope = Kafka.JSON.readTree(response.body());
            assertThat(envelope.path("code").asInt()).isEqualTo(5003);
            assertThat(envelope.path("success").asBoolean()).isFalse();
            assertThat(envelope.path("data").isNull()).isTrue();
            assertThat(envelope.path("msg").asString()).contains("full");

            for (int i = 0; i < admitted.size(); i++) {
                TestSocket client = admitted.get(i);
                client.send("ping", Map.of(), "still-here-" + i);
                String requestId = "still-here-" + i;
                await().until(() -> client.find(frame -> "pong".equals(frame.path("type").asString())
                        && requestId.equals(frame.path("requestId").asString())).isPresent());
            }

            admitted.removeFirst().close();
            await().until(() -> registry.size() == 2);
            try (TestSocket next = connect(token)) {
                next.awaitFrame("offline_messages");
            }
        } finally {
            admitted.forEach(TestSocket::close);
        }
    }

    private TestSocket connect(String token) {
        return TestSocket.connect(Nodes.uri(port, "/ws?token=" + token));
    }
}
