package com.loyalty.chat.realtime.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageEvent.MessageRejected;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.MessageEvent.MessagesRead;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.SessionEvent.SessionOpened;
import com.loyalty.chat.contracts.events.SessionEvent.SessionRated;
import com.loyalty.chat.contracts.events.SessionEvent.SessionStatusChanged;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.connection.ConnectionRegistry;
import com.loyalty.chat.realtime.protocol.FrameCodec;
import com.loyalty.chat.realtime.protocol.Protocol;
import com.loyalty.chat.realtime.protocol.ServerFrame;

/** Decides which of this node's connections see an event, and in which frame. Never blocks: sending only queues. */
@Component
class EventRouter {

    private final ConnectionRegistry registry;
    private final FrameCodec codec;

    EventRouter(ConnectionRegistry registry, FrameCodec codec) {
        this.registry = registry;
        this.codec = codec;
    }

    void route(MessageEvent event) {
        switch (event) {
            case MessageStored stored -> {
                send(registry.of(stored.senderId(), stored.senderType()), protocol -> protocol.messageSent(stored));
                send(registry.of(stored.sessionUserId(), SenderType.USER),
                        protocol -> protocol.newMessage(stored, SenderType.USER));
                send(stored.sessionAdminId() == null
                                ? registry.admins()
                                : registry.of(stored.sessionAdminId(), SenderType.ADMIN),
                        protocol -> protocol.newMessage(stored, SenderType.ADMIN));
            }
            case MessageRejected rejected -> send(registry.of(rejected.senderId(), rejected.senderType()),
                    protocol -> protocol.messageRejected(rejected));
            // messages_read needs the session's participants, which this event does not carry yet.
            case MessagesRead _ -> { }
        }
    }

    void route(SessionEvent event) {
        switch (event) {
            case SessionOpened opened -> send(registry.admins(), protocol -> protocol.newSession(opened));
            case SessionStatusChanged changed -> {
                Collection<Connection> user = registry.of(changed.userId(), SenderType.USER);
                if (changed.newStatus() == SessionStatus.CLOSED) {
                    user.forEach(connection -> connection.forgetOpenSession(changed.sessionId()));
                }
                send(user, protocol -> protocol.sessionStatus(changed));
                send(registry.admins(), protocol -> protocol.sessionStatus(changed));
            }
            // A rating changes nothing a connected client shows.
            case SessionRated _ -> { }
        }
    }

    /** Builds and encodes the frame once per protocol, however many connections get it. */
    private void send(Collection<Connection> connections, Function<Protocol, ServerFrame> frame) {
        Map<Protocol, TextMessage> encoded = new HashMap<>(2);
        for (Connection connection : connections) {
            connection.send(encoded.computeIfAbsent(connection.protocol(),
                    protocol -> codec.encode(frame.apply(protocol))));
        }
    }
}
