package com.loyalty.chat.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.localstack.LocalStackInitializer;

/** With one handshake allowed at a time, a second one while the first waits for its node is refused at once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.gateway.rate-limit.enabled=false",
                "chat.gateway.realtime-balancing.max-handshakes-in-flight=1",
                "chat.gateway.realtime-balancing.handshake-timeout=60s"})
@ContextConfiguration(initializers = LocalStackInitializer.class)
class HandshakeAdmissionTest {

    private static final String TOKEN = LocalStack.shared().tokens().issue(51, "13800000051", "u", false);

    @Value("${local.server.port}")
    int port;

    @Autowired
    RealtimeNodes nodes;

    @Test
    void aHandshakePastTheCapHears503With5003AndRetryAfterAtOnceAndTheRoomComesBackWithTheFirst() throws IOException {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             StubNode open = StubNode.accepting("open")) {
            Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            nodes.replace(List.of(URI.create("http://127.0.0.1:" + silent.getLocalPort())));
            Thread.ofVirtual().start(() -> handshake(Duration.ofSeconds(90)));
            await().until(() -> held.size() == 1);

            handshake(Duration.ofSeconds(5)).expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().valueEquals("Retry-After", "1")
                    .expectBody().jsonPath("$.code").isEqualTo(5003).jsonPath("$.success").isEqualTo(false);
            assertThat(held).hasSize(1);

            nodes.replace(List.of(open.url()));
            held.getFirst().close();
            await().untilAsserted(() -> {
                try (TestSocket socket = TestSocket.connect(URI.create("ws://localhost:" + port + "/ws?token=" + TOKEN))) {
                    assertThat(socket.awaitText(0)).startsWith("open ");
                }
            });
        }
    }

    private WebTestClient.ResponseSpec handshake(Duration timeout) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(timeout).build()
                .get().uri("/ws?token=" + TOKEN)
                .header("Upgrade", "websocket")
                .header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Version", "13")
                .exchange();
    }
}
