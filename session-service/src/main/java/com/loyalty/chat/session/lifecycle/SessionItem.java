package com.loyalty.chat.session.lifecycle;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.loyalty.chat.contracts.events.UserProfile;

/**
 * One session as the contract lists it. {@code lastMessage}, the counts and {@code isOnline} come from this service's
 * read model of message and presence events; {@code lastMessage} is null while the session has none.
 */
record SessionItem(String sessionId, long userId, UserInfo userInfo, Long adminId, String status, Instant createdAt,
                   Instant lastMessageTime, LastMessage lastMessage, long messageCount, long unreadCount,
                   @JsonProperty("isOnline") boolean isOnline) {

    SessionItem withUser(UserInfo user, boolean online) {
        return new SessionItem(sessionId, userId, user, adminId, status, createdAt, lastMessageTime, lastMessage,
                messageCount, unreadCount, online);
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
