package com.loyalty.chat.contracts.events;

/** The public face of an account as events carry it, so consumers can show a name without asking for it. */
public record UserProfile(long userId, String nickname, String avatar, String mobile) {
}
