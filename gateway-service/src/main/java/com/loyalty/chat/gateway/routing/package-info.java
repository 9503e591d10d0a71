/** Where routes lead: the realtime node list behind the load-balanced WebSocket route. */
@NullMarked
package com.loyalty.chat.gateway.routing;

import org.jspecify.annotations.NullMarked;
