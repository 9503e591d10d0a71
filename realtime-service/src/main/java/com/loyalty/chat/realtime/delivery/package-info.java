/**
 * Delivers the events of the message and session topics, and the other nodes' signals, to this node's connections;
 * every node reads everything and keeps only what its own connections must see, once each and in each session's
 * order. It also tells message-service which messages their recipients acknowledged.
 */
@NullMarked
package com.loyalty.chat.realtime.delivery;

import org.jspecify.annotations.NullMarked;
