/**
 * The node's WebSocket connections: the endpoints, admission and draining, each connection's ordered and bounded
 * outbound queue with its greeting, the registry that finds a user's or every admin's connections, the dispatch of
 * client frames, within each connection's rate limit, to their handlers, and the end of connections that went idle,
 * half-open or past their token's expiry.
 */
@NullMarked
package com.loyalty.chat.realtime.connection;

import org.jspecify.annotations.NullMarked;
