package com.loyalty.chat.session.session;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.loyalty.chat.contracts.events.UserProfile;

/**
 * One session as the contract lists it. What message-service and the realtime nodes know ({@code lastMessage},
 * counts, {@code isOnline}) is not followed here yet, so those keep the shape with empty values.
 */
record SessionItem(String sessionId, long userId, UserInfo userInfo, Long adminId, String status, Instant createdAt,
                   Instant lastMessageTime, LastMessage lastMessage, long messageCount, long unreadCount,
                   @JsonProperty("isOnline") boolean isOnline) {

    static SessionItem of(CustomerSession session, UserInfo user) {
        return new SessionItem(session.sessionId(), session.userId(), user, session.adminId(),
                session.status().wireName(), session.createdAt(), session.lastMessageAt(), null, 0, 0, false);
    }

    record UserInfo(long userId, String nickname, String avatar, String mobile) {

        static UserInfo of(UserProfile profile) {
            return new UserInfo(profile.userId(), profile.nickname(), profile.avatar(), profile.mobile());
        }

        /** For a session whose account is gone: the id is all that is known. */
        static UserInfo unknown(long userId) {
            return new UserInfo(userId, null, null, null);
        }
    }

    record LastMessage(String content, String messageType, long senderId, String senderType, Instant createdAt) {
    }
}
