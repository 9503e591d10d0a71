package com.loyalty.chat.session.identity;

import com.loyalty.chat.contracts.events.UserProfile;

/**
 * The authenticated account behind a request, as its verified token says. Controllers receive it with
 * {@code @AuthenticationPrincipal}.
 */
public record Caller(long userId, String mobile, String nickname, String avatar, boolean admin) {

    public UserProfile profile() {
        return new UserProfile(userId, nickname, avatar, mobile);
    }
}
