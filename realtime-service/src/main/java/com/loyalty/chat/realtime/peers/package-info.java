/** The backend services a node asks on a client's behalf, with the client's own token, and how their answers read. */
@NullMarked
package com.loyalty.chat.realtime.peers;

import org.jspecify.annotations.NullMarked;
