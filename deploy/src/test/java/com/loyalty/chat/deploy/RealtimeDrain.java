package com.loyalty.chat.deploy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a realtime node drains its connections on SIGTERM before Spring's own graceful shutdown: the configured
 * {@code chat.realtime.connection.drain-timeout}, else the default declared in its properties record.
 */
final class RealtimeDrain {

    private static final Pattern DEFAULT = Pattern.compile("@DefaultValue\\(\"([^\"]+)\"\\)\\s+Duration\\s+drainTimeout");

    private RealtimeDrain() {
    }

    static Duration timeout() {
        Object configured = ServiceModule.at(
                ServiceModule.yaml(Repository.path("realtime-service/src/main/resources/application.yml")),
                "chat", "realtime", "connection", "drain-timeout");
        if (configured != null) {
            return Durations.parse(String.valueOf(configured));
        }
        String source = Repository.read(Repository.path(
                "realtime-service/src/main/java/com/loyalty/chat/realtime/connection/ConnectionProperties.java"));
        Matcher matcher = DEFAULT.matcher(source);
        if (!matcher.find()) {
            throw new IllegalStateException("ConnectionProperties no longer declares drainTimeout's default");
        }
        return Durations.parse(matcher.group(1));
    }

    /** The longest a node may take from SIGTERM to exit: its drain, then one graceful shutdown phase. */
    static Duration shutdown() {
        return timeout().plus(ServiceModule.named("realtime-service").shutdownPhaseTimeout());
    }
}
