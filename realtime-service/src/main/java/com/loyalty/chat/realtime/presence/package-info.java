/** Tells session-service which connections this node holds, and that the node is alive. */
package com.loyalty.chat.realtime.presence;
