package com.loyalty.chat.realtime.connection;

import java.util.Set;

import org.springframework.stereotype.Component;

import com.loyalty.chat.realtime.protocol.ClientFrame;

/** {@code heartbeat} and {@code ping}: any frame keeps a connection alive, these exist to be answered. */
@Component
class LivenessFrames implements ClientFrameHandler {

    private static final String HEARTBEAT = "heartbeat";
    private static final String PING = "ping";

    @Override
    public Set<String> types() {
        return Set.of(HEARTBEAT, PING);
    }

    @Override
    public void handle(Connection connection, ClientFrame frame) {
        connection.send(frame.type().equals(PING)
                ? connection.dialect().pong(frame.requestId())
                : connection.dialect().heartbeatAck(frame.requestId()));
    }
}
