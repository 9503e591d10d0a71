package com.loyalty.chat.realtime.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageEvent.MessageRejected;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.MessageEvent.MessagesRead;
import com.loyalty.chat.contracts.events.RealtimeSignal;
import com.loyalty.chat.contracts.events.RealtimeSignal.TypingChanged;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.SessionEvent.SessionOpened;
import com.loyalty.chat.contracts.events.SessionEvent.SessionRated;
import com.loyalty.chat.contracts.events.SessionEvent.SessionStatusChanged;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.connection.ConnectionRegistry;
import com.loyalty.chat.realtime.messaging.RequestIds;
import com.loyalty.chat.realtime.protocol.FrameCodec;
import com.loyalty.chat.realtime.protocol.Dialect;
import com.loyalty.chat.realtime.protocol.EncodedFrame;
import com.loyalty.chat.realtime.protocol.ServerFrame;

/**
 * Decides which of this node's connections see an event, and in which frame. Never blocks: sending only queues.
 *
 * <p>A session has two sides: its user's connections (in the user role), and its admin's (every admin connection
 * while no admin holds it). A message goes to both sides, an answer ({@code message_sent}, {@code error}) to the
 * sender's connections, and what one side does ({@code messages_read}, {@code user_typing}) to the other side.
 */
@Component
class EventRouter {

    private final ConnectionRegistry registry;
    private final FrameCodec codec;
    private final RequestIds requestIds;
    private final DeliveryLedger ledger;
    private final Cache<String, Boolean> routedMessages;
    private final DeliveryLatency latency;

    EventRouter(ConnectionRegistry registry, FrameCodec codec, RequestIds requestIds, DeliveryLedger ledger,
                DeliveryProperties properties, DeliveryLatency latency) {
        this.latency = latency;
        this.registry = registry;
        this.codec = codec;
        this.requestIds = requestIds;
        this.ledger = ledger;
        this.routedMessages = Caffeine.newBuilder().maximumSize(properties.rememberedEvents()).build();
    }

    void route(MessageEvent event) {
        switch (event) {
            case MessageStored stored -> route(stored);
            case MessageRejected rejected -> {
                for (Connection sender : registry.of(rejected.senderId(), rejected.senderType())) {
                    sender.send(sender.dialect().messageRejected(rejected,
                            requestIds.of(sender, rejected.tempMessageId())));
                }
            }
            case MessagesRead read -> send(otherSide(read.readerType(), read.sessionUserId(), read.sessionAdminId()),
                    dialect -> dialect.messagesRead(read));
        }
    }

    void route(SessionEvent event) {
        switch (event) {
            case SessionOpened opened -> {
                send(registry.admins(), dialect -> dialect.newSession(opened));
                send(registry.of(opened.user().userId(), SenderType.USER), dialect -> dialect.newSession(opened));
            }
            case SessionStatusChanged changed -> {
                Collection<Connection> user = registry.of(changed.userId(), SenderType.USER);
                if (changed.newStatus() == SessionStatus.CLOSED) {
                    user.forEach(connection -> connection.forgetOpenSession(changed.sessionId()));
                }
                send(user, dialect -> dialect.sessionStatus(changed));
                send(registry.admins(), dialect -> dialect.sessionStatus(changed));
            }
            // A rating changes nothing a connected client shows.
            case SessionRated _ -> { }
        }
    }

    void route(RealtimeSignal signal) {
        switch (signal) {
            case TypingChanged typing -> send(
                    otherSide(typing.senderType(), typing.sessionUserId(), typing.sessionAdminId()),
                    dialect -> dialect.userTyping(typing));
        }
    }

    /**
     * The sender's connections hear {@code message_sent}, each time the message is announced: message-service
     * announces it again (same event) when a client repeats its {@code tempMessageId}, and that client waits for the
     * first id. Both sides get {@code new_message} once, and only while it is the latest of its session a connection
     * has: an event resubmitted late must not show a client an older message after a newer one. The recipient side's
     * connections then owe an {@code ack}.
     */
    private void route(MessageStored stored) {
        for (Connection sender : registry.of(stored.senderId(), stored.senderType())) {
            sender.send(sender.dialect().messageSent(stored, requestIds.of(sender, stored.tempMessageId())));
        }
        if (routedMessages.asMap().putIfAbsent(stored.eventId(), Boolean.TRUE) != null) {
            return;
        }
        boolean fromUser = stored.senderType() == SenderType.USER;
        boolean pushed = push(stored, userSide(stored.sessionUserId()), SenderType.USER, !fromUser);
        pushed |= push(stored, adminSide(stored.sessionAdminId()), SenderType.ADMIN, fromUser);
        if (pushed) {
            latency.pushed(stored.occurredAt());
        }
    }

    /**
     * Builds and encodes {@code new_message} once per dialect, however many connections get it.
     *
     * @param recipients whether these connections are of the side the message is for, who acknowledge it
     * @return whether any connection got it
     */
    private boolean push(MessageStored stored, Collection<Connection> connections, SenderType side,
                         boolean recipients) {
        Map<Dialect, EncodedFrame> encoded = new HashMap<>(2);
        for (Connection connection : connections) {
            if (!ledger.push(connection, stored.sessionId(), stored.sequence())) {
                continue;
            }
            if (recipients) {
                ledger.awaitAck(connection, stored.sessionId(), stored.sequence(), stored.messageId());
            }
            connection.send(encoded.computeIfAbsent(connection.dialect(),
                    dialect -> codec.encode(dialect.newMessage(stored, side))));
        }
        return !encoded.isEmpty();
    }

    private Collection<Connection> userSide(long sessionUserId) {
        return registry.of(sessionUserId, SenderType.USER);
    }

    private Collection<Connection> adminSide(Long sessionAdminId) {
        return sessionAdminId == null ? registry.admins() : registry.of(sessionAdminId, SenderType.ADMIN);
    }

    private Collection<Connection> otherSide(SenderType actingSide, long sessionUserId, Long sessionAdminId) {
        return actingSide == SenderType.USER ? adminSide(sessionAdminId) : userSide(sessionUserId);
    }

    /** Builds and encodes the frame once per dialect, however many connections get it. */
    private void send(Collection<Connection> connections, Function<Dialect, ServerFrame> frame) {
        Map<Dialect, EncodedFrame> encoded = new HashMap<>(2);
        for (Connection connection : connections) {
            connection.send(encoded.computeIfAbsent(connection.dialect(),
                    dialect -> codec.encode(frame.apply(dialect))));
        }
    }
}
