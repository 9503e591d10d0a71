package com.loyalty.chat.realtime.messaging;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.loyalty.chat.realtime.connection.Connection;

/**
 * The {@code requestId}s of messages sent over this node's connections that await their answer. The answer comes
 * back through Kafka, as an event that knows the sender's {@code tempMessageId} but not which frame carried it; only
 * the connection that sent the frame gets the {@code requestId} back.
 */
@Component
public class RequestIds {

    private record Key(String connectionId, String tempMessageId) {
    }

    private final Cache<Key, String> pending;

    RequestIds(MessagingProperties properties) {
        this.pending = Caffeine.newBuilder()
                .expireAfterWrite(properties.requestIdMemory())
                .maximumSize(properties.requestIdLimit())
                .build();
    }

    void remember(Connection connection, String tempMessageId, String requestId) {
        if (requestId != null) {
            pending.put(new Key(connection.id(), tempMessageId), requestId);
        }
    }

    /** @return the {@code requestId} of the frame this connection sent the message in, or null */
    public String of(Connection connection, String tempMessageId) {
        return tempMessageId == null ? null : pending.getIfPresent(new Key(connection.id(), tempMessageId));
    }
}
