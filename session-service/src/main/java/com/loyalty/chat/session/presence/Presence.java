package com.loyalty.chat.session.presence;

import java.util.Collection;
import java.util.Set;

import org.springframework.stereotype.Component;

/** What the rest of the service may ask about presence. */
@Component
public class Presence {

    private final Connections connections;

    Presence(Connections connections) {
        this.connections = connections;
    }

    /** Those of {@code userIds} with a live user connection on any realtime node. */
    public Set<Long> onlineUsers(Collection<Long> userIds) {
        return connections.withUserConnection(userIds);
    }
}
