package com.loyalty.chat.contracts.api;

import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The seed formats of public ids: {@code session_<epochMillis>_<8 hex>} and {@code msg_<epochMillis>_<8 hex>}. */
public final class Ids {

    private Ids() {
    }

    public static String newSessionId(Clock clock) {
        return "session_" + clock.millis() + "_" + randomHex();
    }

    public static String newMessageId(Clock clock) {
        return "msg_" + clock.millis() + "_" + randomHex();
    }

    private static String randomHex() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }
}
