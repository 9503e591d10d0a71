package com.loyalty.chat.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A session's lifecycle: {@code waiting → assigned → active → closed}. */
public enum SessionStatus implements WireNamed {
    @JsonProperty("waiting") WAITING,
    @JsonProperty("assigned") ASSIGNED,
    @JsonProperty("active") ACTIVE,
    @JsonProperty("closed") CLOSED;
}
