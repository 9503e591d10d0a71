package com.loyalty.chat.realtime.connection;

/**
 * Tells a new connection something right after {@code connection_established} and before any event routed to it.
 * Called once per connection, after it is registered (so nothing routed to it meanwhile is lost, only held back),
 * on the connection's container thread; it may block, as that thread is virtual.
 */
public interface ConnectionGreeting {

    /**
     * Sends the greeting through {@link Connection#greet}, or {@link Connection#greetAndWait} for a greeting of many
     * frames.
     */
    void greet(Connection connection);
}
