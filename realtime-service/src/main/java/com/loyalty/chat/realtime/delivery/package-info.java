/**
 * Delivers the events of the message and session topics, and the other nodes' signals, to this node's connections;
 * every node reads everything and keeps only what its own connections must see. It also tells message-service which
 * messages reached their recipients.
 */
package com.loyalty.chat.realtime.delivery;
