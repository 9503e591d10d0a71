/**
 * What the node writes to its log: bearer tokens travel in the handshake's query string and reach URIs, headers and
 * exception messages, so every line leaves them out.
 */
@NullMarked
package com.loyalty.chat.realtime.logging;

import org.jspecify.annotations.NullMarked;
