/**
 * The node's WebSocket connections: the endpoints, admission and draining, each connection's ordered and bounded
 * outbound queue with its greeting, the registry that finds a user's or every admin's connections, and the dispatch
 * of client frames, within each connection's rate limit, to their handlers.
 */
package com.loyalty.chat.realtime.connection;
