package com.loyalty.chat.realtime.protocol;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.SessionEvent.SessionStatusChanged;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.StatusChangeReason;
import com.loyalty.chat.contracts.events.UserProfile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Fixed events and a fixed clock for the dialect tests, and frames read back as the codec writes them. */
final class DialectFrames {

    static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    static final Instant OCCURRED = Instant.parse("2026-03-01T07:59:58.123Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String SESSION = "sess_1";
    static final UserProfile ADMIN = new UserProfile(31, "管理员", "a.png", "13612227930");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FrameCodec CODEC = new FrameCodec(JSON);

    private DialectFrames() {
    }

    static MessageStored userMessage() {
        return message(7, SenderType.USER, "用户", "u.png");
    }

    static MessageStored adminMessage() {
        return message(31, SenderType.ADMIN, "管理员", "a.png");
    }

    private static MessageStored message(long senderId, SenderType senderType, String nickname, String avatar) {
        return new MessageStored(MessageEvent.SCHEMA_VERSION, "e1", SESSION, OCCURRED, "msg_1_abcd", 12, senderId,
                senderType, nickname, avatar, "你好", MessageType.TEXT, "t1", null, 7, 31L);
    }

    static SessionStatusChanged claimed(UserProfile admin) {
        return new SessionStatusChanged(SessionEvent.SCHEMA_VERSION, "e2", SESSION, 2, OCCURRED, 7,
                SessionStatus.WAITING, SessionStatus.ASSIGNED, admin, StatusChangeReason.CLAIMED);
    }

    static JsonNode written(ServerFrame frame) {
        return JSON.readTree(CODEC.encode(frame).payload());
    }

    /** An instant as the same mapper writes it, so the tests do not depend on the time format. */
    static JsonNode time(Instant instant) {
        return JSON.valueToTree(instant);
    }

    static List<String> fieldNames(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }
}
