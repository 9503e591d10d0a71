package com.loyalty.chat.message.storage;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.loyalty.chat.contracts.events.WireNamed;

/** Where a message is on its way to the other side: {@code sent → delivered → read} (the seed's status column). */
public enum MessageStatus implements WireNamed {
    @JsonProperty("sending") SENDING,
    @JsonProperty("sent") SENT,
    @JsonProperty("delivered") DELIVERED,
    @JsonProperty("read") READ,
    @JsonProperty("failed") FAILED;
}
