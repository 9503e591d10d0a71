/**
 * Customer sessions: their lifecycle and the rules of each transition, the queue assignment draws from, the list's
 * read model of message activity, and the user and admin session APIs.
 */
@NullMarked
package com.loyalty.chat.session.lifecycle;

import org.jspecify.annotations.NullMarked;
