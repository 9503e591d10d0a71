/**
 * Reading messages over REST, all in the seed's item shape: history pages and sync after a message, along the
 * {@code (session_id, sequence)} key, and a recipient's offline messages, along the recipient's sessions and the
 * {@code (session_id, sender_type, status, sequence)} key.
 */
@NullMarked
package com.loyalty.chat.message.history;

import org.jspecify.annotations.NullMarked;
