package com.loyalty.chat.realtime.connection;

/** Told when a connection joins or leaves this node's registry; called on the connection's container thread. */
public interface ConnectionListener {

    void connectionOpened(Connection connection);

    void connectionClosed(Connection connection);
}
