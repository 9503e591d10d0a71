package com.loyalty.chat.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a session changed state or holder; consumers may show it, and operation logs record it. */
public enum StatusChangeReason {
    /** Auto-assignment gave the session to an admin with free capacity. */
    @JsonProperty("assigned") ASSIGNED,
    /** An admin took a pending session. */
    @JsonProperty("claimed") CLAIMED,
    /** An admin handed the session to another admin. */
    @JsonProperty("transferred") TRANSFERRED,
    /** An admin's reply moved the session to active (claiming it if it was pending). */
    @JsonProperty("admin_replied") ADMIN_REPLIED,
    /** The holder went offline before answering; the session is back in the shared queue. */
    @JsonProperty("requeued") REQUEUED,
    @JsonProperty("closed_by_admin") CLOSED_BY_ADMIN,
    @JsonProperty("closed_by_user") CLOSED_BY_USER
}
