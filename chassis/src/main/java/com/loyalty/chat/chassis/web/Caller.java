package com.loyalty.chat.chassis.web;

/**
 * Who is calling, as their verified token says. A controller parameter of this type is filled from the token by
 * {@link CallerArgumentResolver}; nothing in a request can change it.
 */
public record Caller(long userId, boolean admin, String mobile, String nickname, String avatar) {
}
