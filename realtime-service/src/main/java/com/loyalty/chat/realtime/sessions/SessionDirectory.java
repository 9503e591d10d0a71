package com.loyalty.chat.realtime.sessions;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageEvent.MessageRejected;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.MessageEvent.MessagesRead;
import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.SessionEvent.SessionOpened;
import com.loyalty.chat.contracts.events.SessionEvent.SessionRated;
import com.loyalty.chat.contracts.events.SessionEvent.SessionStatusChanged;
import com.loyalty.chat.contracts.events.UserProfile;
import com.loyalty.chat.realtime.handshake.ConnectionIdentity;
import com.loyalty.chat.realtime.peers.Peers;
import com.loyalty.chat.realtime.peers.ServiceClient;

import tools.jackson.databind.JsonNode;

/**
 * This node's bounded map from session to participants. It learns from the session and message events every node
 * reads anyway, and asks session-service, with the client's token, about a session it has not heard of.
 *
 * <p>Session events carry the session's version and win over anything older. Message events and answers from
 * session-service carry none: they fill a gap, and a message event replaces only what such unversioned knowledge
 * said, since a message event may trail a newer session event (they travel on different topics).
 */
@Component
@EnableConfigurationProperties(SessionsProperties.class)
public class SessionDirectory {

    private static final long UNVERSIONED = -1;

    private record Entry(Participants participants, long version) {
    }

    private final Cache<String, Entry> entries;
    private final ServiceClient sessionService;

    SessionDirectory(SessionsProperties properties, Peers peers) {
        this.entries = Caffeine.newBuilder().maximumSize(properties.directorySize()).build();
        this.sessionService = peers.sessionService();
    }

    public void learn(SessionEvent event) {
        Participants participants = switch (event) {
            case SessionOpened opened -> new Participants(opened.user().userId(), null);
            case SessionStatusChanged changed -> new Participants(changed.userId(), adminIdOf(changed.admin()));
            case SessionRated rated -> new Participants(rated.userId(), rated.adminId());
        };
        entries.asMap().merge(event.sessionId(), new Entry(participants, event.sessionVersion()),
                (held, learnt) -> learnt.version() >= held.version() ? learnt : held);
    }

    public void learn(MessageEvent event) {
        Participants participants = switch (event) {
            case MessageStored stored -> new Participants(stored.sessionUserId(), stored.sessionAdminId());
            case MessagesRead read -> new Participants(read.sessionUserId(), read.sessionAdminId());
            case MessageRejected _ -> null;
        };
        if (participants != null) {
            entries.asMap().merge(event.sessionId(), new Entry(participants, UNVERSIONED),
                    (held, learnt) -> held.version() == UNVERSIONED ? learnt : held);
        }
    }

    /**
     * The participants of a session the client may act in: any session for an admin, only their own for a user.
     *
     * @throws ChatException 4004 for a user's look at another's session (as session-service answers), or
     *                       session-service's refusal, or 5003
     */
    public Participants participants(ConnectionIdentity client, String sessionId) {
        Entry entry = entries.getIfPresent(sessionId);
        Participants participants = entry != null ? entry.participants() : lookUp(client, sessionId);
        if (!client.admin() && participants.userId() != client.userId()) {
            throw ChatException.sessionNotFound();
        }
        return participants;
    }

    /** An answer may be older than an event that arrived while it was on its way, so it never replaces one. */
    private Participants lookUp(ConnectionIdentity client, String sessionId) {
        JsonNode session = sessionService.get(client.token(), uri -> uri
                .path(client.admin() ? "/api/v2/admin/chat/sessions/{sessionId}" : "/api/v2/chat/sessions/{sessionId}")
                .build(sessionId));
        JsonNode adminId = session.path("adminId");
        Participants participants = new Participants(session.path("userId").asLong(),
                adminId.isNumber() ? adminId.asLong() : null);
        Entry held = entries.asMap().putIfAbsent(sessionId, new Entry(participants, UNVERSIONED));
        return held != null ? held.participants() : participants;
    }

    private static Long adminIdOf(UserProfile admin) {
        return admin == null ? null : admin.userId();
    }
}
