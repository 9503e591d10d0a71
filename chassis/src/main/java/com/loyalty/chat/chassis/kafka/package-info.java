/**
 * How every service consumes Kafka: one failure policy (transient failures retried until they pass, anything else
 * dead-lettered at once), static group membership, and poison isolation for batch listeners.
 */
@NullMarked
package com.loyalty.chat.chassis.kafka;

import org.jspecify.annotations.NullMarked;
