/** Kafka plumbing: topics, outbox externalization of session events, and poison-record handling for consumers. */
package com.loyalty.chat.session.messaging;
