/**
 * The transactional outbox a service writes its events to in the transaction that makes them true, and the relay that
 * carries them to their Kafka topic in each key's commit order.
 */
@NullMarked
package com.loyalty.chat.chassis.outbox;

import org.jspecify.annotations.NullMarked;
