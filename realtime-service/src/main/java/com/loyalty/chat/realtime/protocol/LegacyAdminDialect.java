package com.loyalty.chat.realtime.protocol;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionEvent.SessionStatusChanged;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.UserProfile;

/**
 * The dialect the existing admin front end expects, served at {@code /chat}: v2, except that a user's message
 * reaches admins as {@code new_user_message} and status changes travel as {@code session_status_changed}.
 */
@Component
class LegacyAdminDialect extends V2Dialect {

    LegacyAdminDialect(Clock clock) {
        super(clock);
    }

    @Override
    public String path() {
        return "/chat";
    }

    @Override
    public ServerFrame newMessage(MessageStored stored, SenderType recipientRole) {
        if (recipientRole != SenderType.ADMIN || stored.senderType() != SenderType.USER) {
            return super.newMessage(stored, recipientRole);
        }
        return frame("new_user_message", new NewUserMessage(stored.sessionId(),
                new Message(stored.messageId(), stored.senderId(), stored.senderType(), stored.content(),
                        stored.messageType(), stored.occurredAt(), stored.sequence()),
                new UserInfo(stored.senderId(), stored.senderNickname())));
    }

    @Override
    public ServerFrame sessionStatus(SessionStatusChanged changed) {
        UserProfile admin = changed.admin();
        return frame("session_status_changed", new SessionStatusChangedData(changed.sessionId(), changed.newStatus(),
                admin == null ? null : admin.userId(), changed.occurredAt()));
    }

    record NewUserMessage(String sessionId, Message message, UserInfo userInfo) {
    }

    record Message(String messageId, long senderId, SenderType senderType, String content, MessageType messageType,
                   Instant createdAt, long sequence) {
    }

    record UserInfo(long userId, String nickname) {
    }

    record SessionStatusChangedData(String sessionId, SessionStatus status, Long adminId, Instant timestamp) {
    }
}
