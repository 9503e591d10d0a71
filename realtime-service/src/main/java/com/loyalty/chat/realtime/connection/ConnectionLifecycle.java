package com.loyalty.chat.realtime.connection;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.loyalty.chat.realtime.handshake.ConnectionIdentity;
import com.loyalty.chat.realtime.node.NodeId;
import com.loyalty.chat.realtime.protocol.FrameCodec;
import com.loyalty.chat.realtime.protocol.Dialect;

/** Brings a connection into the registry and out of it, telling the listeners, and greets it on the way in. */
@Component
class ConnectionLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLifecycle.class);
    private static final long MIN_BUFFERED = 8L * 1024 * 1024;
    private static final ThreadFactory GREETERS = Thread.ofVirtual().name("ws-greeting-", 0).factory();

    private final ConnectionRegistry registry;
    private final List<ConnectionListener> listeners;
    private final List<ConnectionGreeting> greetings;
    private final FrameCodec codec;
    private final ConnectionProperties properties;
    private final NodeId nodeId;
    private final NodeBuffers nodeBuffers;
    private final FrameTally tally;

    ConnectionLifecycle(ConnectionRegistry registry, List<ConnectionListener> listeners,
                        List<ConnectionGreeting> greetings, FrameCodec codec, ConnectionProperties properties,
                        NodeId nodeId, FrameTally tally) {
        this.tally = tally;
        this.registry = registry;
        this.listeners = listeners;
        this.greetings = greetings;
        this.codec = codec;
        this.properties = properties;
        this.nodeId = nodeId;
        // Half the heap kept beside the connections' own may be frames queued for clients or coming from them.
        this.nodeBuffers = new NodeBuffers(Math.max(MIN_BUFFERED, properties.heapReserve().toBytes() / 2),
                registry::size);
    }

    /**
     * {@code connection_established} goes out at once; events routed to the connection once it is registered wait
     * until the greetings are sent. The greetings (the offline messages, asked of message-service) run on a virtual
     * thread of their own, so the handshake is over without waiting for another service: a storm of reconnecting
     * clients is served as fast as the node can verify tokens, and catches up as fast as message-service answers. A
     * greeting that fails is logged and skipped.
     */
    Connection open(ClientSocket socket, ConnectionIdentity identity, Dialect dialect) {
        ConnectionWriter writer = new ConnectionWriter(socket, properties.sendBufferSize().toBytes(), properties.sendTimeLimit(),
                nodeBuffers, tally);
        Connection connection = new Connection(UUID.randomUUID().toString(), identity, dialect, codec, writer,
                new FrameBudget(properties.rateLimit(), System.nanoTime()), nodeBuffers);
        connection.holdForGreeting();
        connection.greet(dialect.connectionEstablished(connection.id(), identity.userId(), identity.admin(),
                nodeId.value(), properties.heartbeatInterval()));
        registry.add(connection);
        log.debug("Opened {}", connection);
        listeners.forEach(listener -> listener.connectionOpened(connection));
        GREETERS.newThread(() -> greet(connection)).start();
        return connection;
    }

    private void greet(Connection connection) {
        for (ConnectionGreeting greeting : greetings) {
            try {
                greeting.greet(connection);
            } catch (RuntimeException e) {
                log.error("Greeting {} failed", connection, e);
            }
        }
        connection.greeted();
    }

    /** Idempotent: the transport and a draining node may both report one connection closed. */
    void closed(Connection connection) {
        connection.discard();
        if (registry.remove(connection)) {
            log.debug("Closed {}", connection);
            listeners.forEach(listener -> listener.connectionClosed(connection));
        }
    }
}
