/**
 * Everything that travels on Kafka: topic names and keys ({@link com.loyalty.chat.contracts.events.Topics}), and the
 * immutable, versioned records for each topic. Every record carries {@code schemaVersion}; a consumer that meets a
 * version it does not know sends the record to the topic's dead-letter topic instead of guessing.
 */
package com.loyalty.chat.contracts.events;
