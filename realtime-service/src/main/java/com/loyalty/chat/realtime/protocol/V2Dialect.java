package com.loyalty.chat.realtime.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.loyalty.chat.contracts.api.Ids;
import com.loyalty.chat.contracts.events.Attachment;
import com.loyalty.chat.contracts.events.MessageEvent.MessageRejected;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.MessageEvent.MessagesRead;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.RealtimeSignal.TypingChanged;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionEvent.SessionOpened;
import com.loyalty.chat.contracts.events.SessionEvent.SessionStatusChanged;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.UserProfile;

import tools.jackson.databind.JsonNode;

/** The v2 dialect of {@code admin-chat-api-v2.md}, served at {@code /ws}. */
@Component
class V2Dialect implements Dialect {

    private static final String SEND_MESSAGE = "send_message";

    private final Clock clock;

    V2Dialect(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String path() {
        return "/ws";
    }

    @Override
    public ServerFrame connectionEstablished(String connectionId, long userId, boolean admin, String nodeId,
                                             Duration heartbeatInterval) {
        return frame("connection_established", new ConnectionEstablished(connectionId, userId, admin, nodeId,
                heartbeatInterval.toMillis(), clock.instant()));
    }

    @Override
    public ServerFrame heartbeatAck(String requestId) {
        return answer("heartbeat_ack", new ServerTime(clock.instant()), requestId);
    }

    @Override
    public ServerFrame pong(String requestId) {
        return answer("pong", new ServerTime(clock.instant()), requestId);
    }

    @Override
    public ServerFrame error(int code, String msg, String requestType, String tempMessageId, String requestId) {
        return answer("error", new Error(code, msg, requestType, tempMessageId), requestId);
    }

    @Override
    public ServerFrame messageSent(MessageStored stored, String requestId) {
        return answer("message_sent", new MessageSent(stored.tempMessageId(), stored.messageId(), stored.sessionId(),
                "sent", stored.occurredAt(), stored.sequence()), requestId);
    }

    @Override
    public ServerFrame newMessage(MessageStored stored, SenderType recipientRole) {
        return frame("new_message", new NewMessage(stored.sessionId(), stored.messageId(), stored.senderId(),
                stored.senderType(), stored.content(), stored.messageType(), stored.tempMessageId(),
                stored.occurredAt(), stored.attachments() == null ? List.of() : stored.attachments(),
                new Sender(stored.senderId(), stored.senderNickname(), stored.senderAvatar(),
                        stored.senderType() == SenderType.ADMIN), stored.sequence()));
    }

    @Override
    public ServerFrame messageRejected(MessageRejected rejected, String requestId) {
        return error(rejected.errorCode(), rejected.reason(), SEND_MESSAGE, rejected.tempMessageId(), requestId);
    }

    @Override
    public ServerFrame newSession(SessionOpened opened) {
        UserProfile user = opened.user();
        return frame("new_session", new NewSession(opened.sessionId(), user.userId(),
                new UserInfo(user.userId(), user.nickname(), user.avatar(), user.mobile()), opened.priority(),
                opened.source(), opened.occurredAt()));
    }

    @Override
    public ServerFrame sessionStatus(SessionStatusChanged changed) {
        UserProfile admin = changed.admin();
        return frame("session_status", new SessionStatusData(changed.sessionId(), changed.newStatus(),
                changed.oldStatus(),
                admin == null ? null : new AdminInfo(admin.userId(), admin.nickname(), admin.avatar())));
    }

    @Override
    public ServerFrame messagesRead(MessagesRead read) {
        return frame("messages_read", new MessagesReadData(read.sessionId(), read.readerId(), read.readerType(),
                read.messageIds(), read.occurredAt()));
    }

    @Override
    public ServerFrame userTyping(TypingChanged typing) {
        return frame("user_typing", new UserTyping(typing.sessionId(), typing.userId(), typing.typing(),
                typing.senderType(), typing.occurredAt()));
    }

    @Override
    public ServerFrame offlineMessages(List<JsonNode> messages, boolean hasMore, int part, int parts) {
        return frame("offline_messages", new OfflineMessages(messages, hasMore, part, parts));
    }

    @Override
    public ServerFrame syncMessages(String sessionId, List<JsonNode> messages, boolean hasMore, String requestId) {
        return answer("sync_messages", new SyncMessages(sessionId, messages, hasMore), requestId);
    }

    /** A frame pushed by the server, not answering a client frame. */
    final ServerFrame frame(String type, Object data) {
        return answer(type, data, null);
    }

    private ServerFrame answer(String type, Object data, String requestId) {
        return new ServerFrame(type, data, clock.instant(), Ids.newMessageId(clock), requestId);
    }

    record ConnectionEstablished(String connectionId, long userId, boolean isAdmin, String nodeId,
                                 long heartbeatInterval, Instant serverTime) {
    }

    record ServerTime(Instant serverTime) {
    }

    record Error(int code, String msg, String requestType,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String tempMessageId) {
    }

    record MessageSent(String tempMessageId, String messageId, String sessionId, String status, Instant createdAt,
                       long sequence) {
    }

    record NewMessage(String sessionId, String messageId, long senderId, SenderType senderType, String content,
                      MessageType messageType, String tempMessageId, Instant createdAt, List<Attachment> attachments,
                      Sender sender, long sequence) {
    }

    record Sender(long userId, String nickname, String avatar, boolean isAdmin) {
    }

    record NewSession(String sessionId, long userId, UserInfo userInfo, int priority, String source,
                      Instant createdAt) {
    }

    record UserInfo(long userId, String nickname, String avatar, String mobile) {
    }

    record SessionStatusData(String sessionId, SessionStatus status, SessionStatus oldStatus, AdminInfo adminInfo) {
    }

    record AdminInfo(long adminId, String name, String avatar) {
    }

    record MessagesReadData(String sessionId, long readerId, SenderType readerType, List<String> messageIds,
                            Instant readAt) {
    }

    record UserTyping(String sessionId, long userId, boolean typing, SenderType senderType, Instant timestamp) {
    }

    record OfflineMessages(List<JsonNode> messages, boolean hasMore, int part, int parts) {
    }

    record SyncMessages(String sessionId, List<JsonNode> messages, boolean hasMore) {
    }
}
