package com.loyalty.chat.realtime.handshake;

import java.time.Instant;

import com.loyalty.chat.contracts.events.SenderType;

/**
 * Who is on a connection, as the verified token says, and the side of sessions the connection acts on. An account
 * that is both user and admin has one role per connection.
 *
 * @param token the raw bearer token, so the node can ask other services on the client's behalf
 * @param expiresAt when the token expires, and the connection with it; null for a token without {@code exp}
 */
public record ConnectionIdentity(long userId, SenderType role, String nickname, String avatar, String mobile,
                                 String token, Instant expiresAt) {

    public boolean admin() {
        return role == SenderType.ADMIN;
    }

    /** Leaves the token out: it is a credential and must not reach the logs. */
    @Override
    public String toString() {
        return "ConnectionIdentity[userId=" + userId + ", role=" + role.wireName() + "]";
    }
}
