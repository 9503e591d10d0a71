package com.loyalty.chat.session.identity;

/** {@code expiresIn} is in seconds. */
record LoginResult(String token, String tokenType, long expiresIn, UserView user) {
}
