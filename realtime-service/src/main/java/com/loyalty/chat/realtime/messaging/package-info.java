/** Chat messages sent over a connection: cheap checks on the node, then a command to message-service on Kafka. */
package com.loyalty.chat.realtime.messaging;
