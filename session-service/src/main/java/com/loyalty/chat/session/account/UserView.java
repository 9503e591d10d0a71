package com.loyalty.chat.session.account;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code user} object of login and {@code /auth/me}. */
record UserView(long userId, String mobile, String nickname, String avatar,
                @JsonProperty("isAdmin") boolean isAdmin) {

    static UserView of(Account account) {
        return new UserView(account.userId(), account.mobile(), account.nickname(), account.avatar(), account.admin());
    }
}
