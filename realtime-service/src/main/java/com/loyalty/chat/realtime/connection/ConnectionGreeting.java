package com.loyalty.chat.realtime.connection;

/**
 * Tells a new connection something right after {@code connection_established} and before any event routed to it.
 * Called once per connection, after it is registered (so nothing routed to it meanwhile is lost, only held back),
 * on a virtual thread of its own after the handshake is over; it may block.
 */
public interface ConnectionGreeting {

    /**
     * Sends the greeting through {@link Connection#greet}, or {@link Connection#greetAndWait} for a greeting of many
     * frames.
     */
    void greet(Connection connection);
}
