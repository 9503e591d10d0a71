/**
 * A realtime node: holds clients' WebSocket connections, turns their frames into Kafka commands and delivers the
 * events of every node's Kafka topics to the connections it holds.
 */
@NullMarked
package com.loyalty.chat.realtime;

import org.jspecify.annotations.NullMarked;
