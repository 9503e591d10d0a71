/**
 * The {@code chat_messages} table: what a stored message is and the few queries the service runs against it, each
 * served by one of its keys.
 */
@NullMarked
package com.loyalty.chat.message.storage;

import org.jspecify.annotations.NullMarked;
