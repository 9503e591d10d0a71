package com.loyalty.chat.realtime.connection;

/** Told when a connection joins or leaves this node's registry; never on a Netty event loop, so it may block. */
public interface ConnectionListener {

    void connectionOpened(Connection connection);

    void connectionClosed(Connection connection);
}
