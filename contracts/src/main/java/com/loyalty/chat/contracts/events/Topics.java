package com.loyalty.chat.contracts.events;

/**
 * The one place that names topics and says what each is keyed by. Keys decide ordering: everything about one
 * session is keyed by its session id, so each consumer sees that session's history in one order.
 */
public final class Topics {

    /** {@link SessionEvent}s, published by session-service, keyed by session id. */
    public static final String SESSION_EVENTS = "chat.session-events.v1";

    /** {@link MessageCommand}s from realtime nodes to message-service, keyed by session id. */
    public static final String MESSAGE_COMMANDS = "chat.message-commands.v1";

    /** {@link MessageEvent}s, published by message-service, keyed by session id. */
    public static final String MESSAGE_EVENTS = "chat.message-events.v1";

    /** {@link PresenceEvent}s from realtime nodes, keyed by node id. */
    public static final String PRESENCE_EVENTS = "chat.presence-events.v1";

    /**
     * {@link RealtimeSignal}s between realtime nodes (typing), keyed by session id. Ephemeral: nobody stores them,
     * a short retention is enough.
     */
    public static final String REALTIME_SIGNALS = "chat.realtime-signals.v1";

    /** Suffix of the dead-letter topic of each topic above: poison records go there with the reason in headers. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
