package com.loyalty.chat.message.storage;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a message is on its way to the other side: {@code sent → delivered → read} (the seed's status column). */
public enum MessageStatus {
    @JsonProperty("sending") SENDING,
    @JsonProperty("sent") SENT,
    @JsonProperty("delivered") DELIVERED,
    @JsonProperty("read") READ,
    @JsonProperty("failed") FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MessageStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
