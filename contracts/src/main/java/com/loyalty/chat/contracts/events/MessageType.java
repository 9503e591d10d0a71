package com.loyalty.chat.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of message of the seed table {@code chat_messages}; {@code system} is only ever written by the server. */
public enum MessageType implements WireNamed {
    @JsonProperty("text") TEXT,
    @JsonProperty("image") IMAGE,
    @JsonProperty("file") FILE,
    @JsonProperty("system") SYSTEM;
}
