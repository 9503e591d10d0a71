/**
 * Read state: {@code sent → delivered → read}, moved by receipts from realtime nodes (MarkMessagesDelivered,
 * MarkMessagesRead) and by an admin's REST read, with a MessagesRead committed for every message that became read.
 */
@NullMarked
package com.loyalty.chat.message.readstate;

import org.jspecify.annotations.NullMarked;
