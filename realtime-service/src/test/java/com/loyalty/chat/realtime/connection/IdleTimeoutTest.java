package com.loyalty.chat.realtime.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.realtime.support.Nodes;
import com.loyalty.chat.realtime.support.Stubs;
import com.loyalty.chat.realtime.support.TestAccount;

/**
 * A node of its own with short idle timeouts, so a silent client is closed while the test watches. The one for
 * connections that send no request is the shorter: had it reached upgraded connections too, the silent WebSocket would
 * be cut off without its 1001.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.realtime.node.id=node-idle",
        "chat.realtime.connection.idle-timeout=1s",
        "chat.realtime.connection.idle-check-interval=200ms",
        "chat.realtime.connection.request-idle-timeout=500ms"})
@ContextConfiguration(initializers = {LocalStackInitializer.class, Stubs.class})
class IdleTimeoutTest {

    @LocalServerPort
    private int port;

    @Test
    void aConnectionThatSendsNothingForTheIdleTimeoutIsClosedAsGoingAway() {
        String token = TestAccount.next("idle").userToken();
        try (TestSocket client = TestSocket.connect(Nodes.uri(port, "/ws?token=" + token))) {
            client.awaitFrame("connection_established");

            assertThat(client.awaitCloseCode()).isEqualTo(1001);
        }
    }

    /** The read blocks until the node closes the connection; ten seconds without that fail the test. */
    @Test
    void aConnectionThatSendsNoRequestIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }
}
