/** Where routes lead: the realtime node list behind the load-balanced WebSocket route. */
package com.loyalty.chat.gateway.routing;
