/** Kafka plumbing: topics, and the session events the chassis's outbox relays. */
@NullMarked
package com.loyalty.chat.session.messaging;

import org.jspecify.annotations.NullMarked;
