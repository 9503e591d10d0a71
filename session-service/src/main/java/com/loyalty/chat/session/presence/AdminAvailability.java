package com.loyalty.chat.session.presence;

import java.util.Arrays;
import java.util.Locale;

/** The seed's admin status: {@code online} takes new sessions, {@code busy} is connected but takes none. */
public enum AdminAvailability {
    ONLINE, BUSY, OFFLINE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AdminAvailability fromWireName(String value) {
        return Arrays.stream(values())
                .filter(availability -> availability.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown admin status in the database: " + value));
    }
}
