package com.loyalty.chat.realtime.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.loyalty.chat.contracts.events.MessageCommand;
import com.loyalty.chat.contracts.events.MessageCommand.SendMessage;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageEvent.MessageRejected;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.RealtimeSignal;
import com.loyalty.chat.contracts.events.RealtimeSignal.TypingChanged;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.SessionEvent.SessionOpened;
import com.loyalty.chat.contracts.events.SessionEvent.SessionStatusChanged;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.StatusChangeReason;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.contracts.events.UserProfile;

/** Publishes the events message-service and session-service (and other nodes) would, as they would. */
public final class Events {

    /** The last sequence given out per session, so each session's stored messages count 1, 2, 3, … */
    private static final Map<String, AtomicLong> SEQUENCES = new ConcurrentHashMap<>();

    private Events() {
    }

    public static String newSessionId() {
        return "session_" + System.currentTimeMillis() + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A message stored with the session's next sequence. */
    public static MessageStored stored(String sessionId, long senderId, SenderType senderType, String nickname,
                                       String content, String tempMessageId, long sessionUserId, Long sessionAdminId) {
        return stored(sessionId, SEQUENCES.computeIfAbsent(sessionId, id -> new AtomicLong()).incrementAndGet(),
                senderId, senderType, nickname, content, tempMessageId, sessionUserId, sessionAdminId);
    }

    /** A message stored at the position given, for a test that plays events arriving out of order. */
    public static MessageStored stored(String sessionId, long sequence, long senderId, SenderType senderType,
                                       String nickname, String content, String tempMessageId, long sessionUserId,
                                       Long sessionAdminId) {
        return new MessageStored(MessageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sessionId, now(),
                "msg_" + System.currentTimeMillis() + "_" + UUID.randomUUID().toString().substring(0, 8), sequence,
                senderId, senderType, nickname, null, content, MessageType.TEXT, tempMessageId, List.of(),
                sessionUserId, sessionAdminId);
    }

    /** What another node publishes for a client's {@code send_message}; the message-service stub stores it. */
    public static void send(String sessionId, TestAccount sender, SenderType senderType, String content,
                            String tempMessageId) {
        Kafka.publish(Topics.MESSAGE_COMMANDS, sessionId, new SendMessage(MessageCommand.SCHEMA_VERSION,
                UUID.randomUUID().toString(), sessionId, new MessageCommand.Sender(sender.userId(), senderType,
                        sender.nickname(), null), now(), content, MessageType.TEXT, tempMessageId, List.of()));
    }

    public static MessageRejected rejected(String sessionId, long senderId, SenderType senderType,
                                           String tempMessageId, int errorCode, String reason) {
        return new MessageRejected(MessageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sessionId, now(),
                UUID.randomUUID().toString(), senderId, senderType, tempMessageId, errorCode, reason);
    }

    public static SessionOpened opened(String sessionId, UserProfile user) {
        return new SessionOpened(SessionEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sessionId, 1, now(), user,
                "mobile", 1);
    }

    public static SessionStatusChanged statusChanged(String sessionId, long userId, SessionStatus from,
                                                     SessionStatus to, UserProfile admin) {
        return new SessionStatusChanged(SessionEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sessionId, 2,
                now(), userId, from, to, admin, StatusChangeReason.CLAIMED);
    }

    public static TypingChanged typing(String sessionId, long userId, SenderType senderType, boolean typing,
                                       long sessionUserId, Long sessionAdminId) {
        return new TypingChanged(RealtimeSignal.SCHEMA_VERSION, sessionId, now(), userId, senderType, typing,
                sessionUserId, sessionAdminId);
    }

    public static void publish(MessageEvent event) {
        Kafka.publish(Topics.MESSAGE_EVENTS, event.sessionId(), event);
    }

    public static void publish(SessionEvent event) {
        Kafka.publish(Topics.SESSION_EVENTS, event.sessionId(), event);
    }

    public static void publish(RealtimeSignal signal) {
        Kafka.publish(Topics.REALTIME_SIGNALS, signal.sessionId(), signal);
    }

    /** Kafka JSON carries milliseconds; so do the events, so a test can compare times exactly. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
