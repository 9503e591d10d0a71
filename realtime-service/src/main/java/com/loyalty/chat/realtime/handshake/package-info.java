/**
 * Who may open a connection and in which role: the token in the query string is checked before the upgrade, the node
 * must have room and not be shutting down, and a refused handshake answers with the REST envelope instead of
 * upgrading, as does every other HTTP error of the node.
 */
@NullMarked
package com.loyalty.chat.realtime.handshake;

import org.jspecify.annotations.NullMarked;
