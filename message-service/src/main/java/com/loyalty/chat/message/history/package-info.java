/**
 * Message history over REST: pages of a session's messages, newest page first, each page oldest first, read along
 * the {@code (session_id, sequence)} key.
 */
package com.loyalty.chat.message.history;
