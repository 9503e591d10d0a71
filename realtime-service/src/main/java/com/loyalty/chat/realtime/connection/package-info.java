/**
 * The node's WebSocket connections: the endpoints, each connection's ordered and bounded outbound queue, the
 * registry that finds a user's or every admin's connections, and the dispatch of client frames to their handlers.
 */
package com.loyalty.chat.realtime.connection;
