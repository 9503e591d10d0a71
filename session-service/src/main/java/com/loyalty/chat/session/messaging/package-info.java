/** Kafka plumbing: topics and the outbox externalization of session events. */
@NullMarked
package com.loyalty.chat.session.messaging;

import org.jspecify.annotations.NullMarked;
