package com.loyalty.chat.chassis.web;

import com.loyalty.chat.contracts.events.MessageCommand.Sender;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.UserProfile;

/**
 * Who is calling, as their verified token says. A controller parameter of this type is filled from the token by
 * {@link CallerArgumentResolver}; nothing in a request can change it.
 */
public record Caller(long userId, boolean admin, String mobile, String nickname, String avatar) {

    /** The caller as events name a user, for when the service has no fresher profile of its own. */
    public UserProfile profile() {
        return new UserProfile(userId, nickname, avatar, mobile);
    }

    /** The caller acting on one side of a session; on REST, the path decides which. */
    public Sender as(SenderType side) {
        return new Sender(userId, side, nickname, avatar);
    }
}
