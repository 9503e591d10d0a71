/** Kafka plumbing: topics, outbox externalization of session events, and poison-record handling for consumers. */
@NullMarked
package com.loyalty.chat.session.messaging;

import org.jspecify.annotations.NullMarked;
