package com.loyalty.chat.deploy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Spring configuration ("10s", "500ms") and compose ("40s", "1m30s") write them. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    static Duration parse(String text) {
        Matcher matcher = PART.matcher(text.trim());
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
            end = matcher.end();
        }
        if (end == 0 || end != text.trim().length()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return total;
    }
}
