package com.loyalty.chat.realtime.connection;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

import com.loyalty.chat.realtime.handshake.ConnectionIdentity;
import com.loyalty.chat.realtime.node.NodeId;
import com.loyalty.chat.realtime.protocol.FrameCodec;
import com.loyalty.chat.realtime.protocol.Protocol;

/** Brings a connection into the registry and out of it, telling the listeners. */
@Component
class ConnectionLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLifecycle.class);

    private final ConnectionRegistry registry;
    private final List<ConnectionListener> listeners;
    private final FrameCodec codec;
    private final ConnectionProperties properties;
    private final NodeId nodeId;

    ConnectionLifecycle(ConnectionRegistry registry, List<ConnectionListener> listeners, FrameCodec codec,
                        ConnectionProperties properties, NodeId nodeId) {
        this.registry = registry;
        this.listeners = listeners;
        this.codec = codec;
        this.properties = properties;
        this.nodeId = nodeId;
    }

    /** {@code connection_established} is queued before the connection is registered, so it is the first frame. */
    Connection open(WebSocketSession session, Protocol protocol) {
        ConnectionIdentity identity = ConnectionIdentity.from(session.getAttributes());
        Outbox outbox = new Outbox(session, properties.sendBufferSize().toBytes(), properties.sendTimeLimit());
        Connection connection = new Connection(UUID.randomUUID().toString(), identity, protocol, codec, outbox);
        connection.send(protocol.connectionEstablished(connection.id(), identity.userId(), identity.admin(),
                nodeId.value(), properties.heartbeatInterval()));
        registry.add(connection);
        log.debug("Opened {}", connection);
        listeners.forEach(listener -> listener.connectionOpened(connection));
        return connection;
    }

    void closed(Connection connection) {
        connection.discard();
        registry.remove(connection);
        log.debug("Closed {}", connection);
        listeners.forEach(listener -> listener.connectionClosed(connection));
    }
}
