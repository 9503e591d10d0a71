package com.loyalty.chat.session.presence;

import com.loyalty.chat.contracts.events.WireNamed;

/** The seed's admin status: {@code online} takes new sessions, {@code busy} is connected but takes none. */
public enum AdminAvailability implements WireNamed {
    ONLINE, BUSY, OFFLINE
}
