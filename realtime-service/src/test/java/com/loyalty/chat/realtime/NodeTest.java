package com.loyalty.chat.realtime;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.realtime.support.Nodes;
import com.loyalty.chat.realtime.support.Stubs;

/** One realtime node ("node-a") on the local stack, with session-service and message-service played by stubs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.realtime.node.id=" + NodeTest.NODE_A,
        "chat.realtime.presence.heartbeat-interval=1s"})
@ContextConfiguration(initializers = {LocalStackInitializer.class, Stubs.class})
public abstract class NodeTest {

    public static final String NODE_A = "node-a";

    static {
        // A ceiling for a busy build machine, not an expectation of how fast anything is.
        Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
    }

    @LocalServerPort
    protected int port;

    @BeforeEach
    void awaitNodeDelivering() {
        Nodes.awaitDelivering(port, getClass());
    }

    protected TestSocket connect(String pathAndQuery) {
        return TestSocket.connect(Nodes.uri(port, pathAndQuery));
    }
}
