package com.loyalty.chat.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

/**
 * WebSocket upgrades on the realtime route against stand-in nodes: the node's handshake comes before the client's,
 * refusing nodes are skipped, and what passes once both are upgraded passes unchanged. Each test sets its own nodes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.gateway.rate-limit.enabled=false", "chat.gateway.realtime-balancing.handshake-timeout=1s"})
@ContextConfiguration(initializers = LocalStackInitializer.class)
class RealtimeWebSocketProxyTest {

    private static final String TOKEN = LocalStack.shared().tokens().issue(50, "13800000050", "u", false);

    @Value("${local.server.port}")
    int port;

    @Autowired
    RealtimeNodes nodes;

    @Test
    void passesFramesTheTokenAndTheRequestIdThroughToTheNode() {
        try (StubNode node = StubNode.accepting("a")) {
            nodes.replace(List.of(node.url()));
            try (TestSocket socket = connect("/ws?token=" + TOKEN)) {
                assertThat(socket.awaitText(0)).isEqualTo("a query=token=" + TOKEN + " requestId=req-ws-1");
                socket.send("你好");
                assertThat(socket.awaitText(1)).isEqualTo("echo:你好");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1009, 1012, 1013, 4002})
    void passesTheNodesCloseCodeToTheClientUnchanged(int code) {
        try (StubNode node = StubNode.accepting("a")) {
            nodes.replace(List.of(node.url()));
            try (TestSocket socket = connect("/ws?token=" + TOKEN)) {
                socket.awaitText(0);
                socket.send("close:" + code);
                assertThat(socket.awaitCloseCode()).isEqualTo(code);
            }
        }
    }

    @Test
    void offersTheClientTheSubprotocolTheNodeChose() {
        try (StubNode node = StubNode.accepting("a")) {
            nodes.replace(List.of(node.url()));
            try (TestSocket socket = connect("/ws?token=" + TOKEN, StubNode.SUBPROTOCOL)) {
                assertThat(socket.subProtocol()).isEqualTo(StubNode.SUBPROTOCOL);
            }
        }
    }

    @Test
    void aNodeAnswering503IsSkippedForItsRetryAfterWhileTheNextTakesTheConnections() {
        try (StubNode full = StubNode.refusing(503); StubNode open = StubNode.accepting("open")) {
            nodes.replace(List.of(full.url(), open.url()));
            for (int connection = 0; connection < 4; connection++) {
                try (TestSocket socket = connect("/ws?token=" + TOKEN)) {
                    assertThat(socket.awaitText(0)).startsWith("open ");
                }
            }
            assertThat(full.handshakes()).isEqualTo(1);
        }
    }

    @Test
    void aNodeRefusingConnectionsIsSkippedWhileTheNextTakesThem() {
        try (StubNode down = StubNode.accepting("down"); StubNode open = StubNode.accepting("open")) {
            URI gone = down.url();
            down.close();
            nodes.replace(List.of(gone, open.url()));
            for (int connection = 0; connection < 3; connection++) {
                try (TestSocket socket = connect("/chat?token=" + TOKEN)) {
                    assertThat(socket.awaitText(0)).startsWith("open ");
                }
            }
        }
    }

    @Test
    void aNodeSlowToAnswerSendsOnlyThisClientToTheNextNode() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             StubNode open = StubNode.accepting("open")) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            nodes.replace(List.of(URI.create("http://127.0.0.1:" + silent.getLocalPort()), open.url()));
            for (int connection = 0; connection < 4; connection++) {
                try (TestSocket socket = connect("/ws?token=" + TOKEN)) {
                    assertThat(socket.awaitText(0)).startsWith("open ");
                }
            }
            assertThat(held).hasSize(2);
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void whenEveryNodeRefusesTheClientHears503With5003AndRetryAfter() {
        try (StubNode full = StubNode.refusing(503); StubNode down = StubNode.accepting("down")) {
            URI gone = down.url();
            down.close();
            nodes.replace(List.of(full.url(), gone));
            handshake().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().value("Retry-After", retryAfter -> assertThat(Integer.parseInt(retryAfter))
                            .isBetween(1, 2))
                    .expectBody().jsonPath("$.code").isEqualTo(5003).jsonPath("$.success").isEqualTo(false);
        }
    }

    @Test
    void anotherRefusalOfANodeReachesTheClientWithItsStatusAndNoOtherNodeIsTried() {
        try (StubNode one = StubNode.refusing(403); StubNode other = StubNode.refusing(403)) {
            nodes.replace(List.of(one.url(), other.url()));
            handshake().expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo(4003);
            assertThat(one.handshakes() + other.handshakes()).isEqualTo(1);
        }
    }

    @Test
    void anUpgradeThatIsNoHandshakeIsRefusedWithoutReachingANode() {
        try (StubNode node = StubNode.accepting("a")) {
            nodes.replace(List.of(node.url()));
            WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                    .get().uri("/ws?token=" + TOKEN)
                    .header("Upgrade", "websocket")
                    .header("Connection", "Upgrade")
                    .exchange()
                    .expectStatus().isBadRequest();
            assertThat(node.handshakes()).isZero();
        }
    }

    private WebTestClient.ResponseSpec handshake() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/ws?token=" + TOKEN)
                .header("Upgrade", "websocket")
                .header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Version", "13")
                .exchange();
    }

    private TestSocket connect(String pathAndQuery, String... subProtocols) {
        return TestSocket.connect(ws(pathAndQuery), Map.of("X-Request-Id", "req-ws-1"), subProtocols);
    }

    private URI ws(String pathAndQuery) {
        return URI.create("ws://localhost:" + port + pathAndQuery);
    }
}
