/**
 * Where routes lead: the realtime nodes (a list or a DNS name), which of them are left out for a while, and the
 * WebSocket proxy that tries them in turn.
 */
@NullMarked
package com.loyalty.chat.gateway.routing;

import org.jspecify.annotations.NullMarked;
