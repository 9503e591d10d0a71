package com.loyalty.chat.session.account;

/** {@code expiresIn} is in seconds. */
record LoginResult(String token, String tokenType, long expiresIn, UserView user) {
}
