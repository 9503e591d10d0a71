package com.loyalty.chat.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which side of a session someone acts on; an account may be both, so this belongs to a connection or request. */
public enum SenderType implements WireNamed {
    @JsonProperty("user") USER,
    @JsonProperty("admin") ADMIN;
}
