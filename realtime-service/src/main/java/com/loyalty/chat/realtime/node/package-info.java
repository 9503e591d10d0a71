/** Which node this process is, as told to clients, to presence consumers and to Kafka (its broadcast group). */
@NullMarked
package com.loyalty.chat.realtime.node;

import org.jspecify.annotations.NullMarked;
