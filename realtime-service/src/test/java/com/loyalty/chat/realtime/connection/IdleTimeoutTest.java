package com.loyalty.chat.realtime.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.realtime.support.Nodes;
import com.loyalty.chat.realtime.support.Stubs;
import com.loyalty.chat.realtime.support.TestAccount;

/** A node of its own with a short idle timeout, so a silent client is closed while the test watches. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.realtime.node.id=node-idle",
        "chat.realtime.connection.idle-timeout=1s",
        "chat.realtime.connection.idle-check-interval=200ms"})
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
}
