/**
 * What a client does in a conversation: send messages, mark them read (commands to message-service) and type
 * (signals to the other nodes), all on Kafka after cheap checks on the node.
 */
@NullMarked
package com.loyalty.chat.realtime.messaging;

import org.jspecify.annotations.NullMarked;
