/**
 * Real MariaDB and Kafka in-process for tests and for {@code ./run}, a signing key with its JWK set and tokens, and
 * the launcher that starts every service as its own process on top of them.
 */
package com.loyalty.chat.localstack;
