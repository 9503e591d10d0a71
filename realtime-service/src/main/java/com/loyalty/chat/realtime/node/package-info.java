/** Which node this process is, as told to clients, to presence consumers and to Kafka (its broadcast group). */
package com.loyalty.chat.realtime.node;
