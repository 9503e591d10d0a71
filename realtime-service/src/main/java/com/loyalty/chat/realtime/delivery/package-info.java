/**
 * Delivers the events of the message and session topics to this node's connections; every node reads every event
 * and keeps only what its own connections must see.
 */
package com.loyalty.chat.realtime.delivery;
