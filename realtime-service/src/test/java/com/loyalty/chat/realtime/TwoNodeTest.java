package com.loyalty.chat.realtime;

import org.junit.jupiter.api.BeforeEach;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.realtime.support.Nodes;
import com.loyalty.chat.realtime.support.SecondNode;

/** Node A (this test's context) and node B ({@link SecondNode#shared()}), side by side on the local stack. */
public abstract class TwoNodeTest extends NodeTest {

    public static final String NODE_B = "node-b";

    protected int portB;

    @BeforeEach
    void awaitNodeBDelivering() {
        portB = SecondNode.shared();
        Nodes.awaitDelivering(portB, getClass());
    }

    protected TestSocket connectA(String pathAndQuery) {
        return connect(pathAndQuery);
    }

    protected TestSocket connectB(String pathAndQuery) {
        return TestSocket.connect(Nodes.uri(portB, pathAndQuery));
    }
}
