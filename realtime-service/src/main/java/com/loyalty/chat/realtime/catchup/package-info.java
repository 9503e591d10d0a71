/**
 * What a client missed, from message-service: {@code offline_messages} right after it connects and {@code sync} on
 * demand, so a client that reconnects (to any node) catches up.
 */
@NullMarked
package com.loyalty.chat.realtime.catchup;

import org.jspecify.annotations.NullMarked;
