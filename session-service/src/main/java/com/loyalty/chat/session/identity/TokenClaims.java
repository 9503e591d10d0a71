package com.loyalty.chat.session.identity;

/** Names of the claims every service reads from a token; the contract fixes them. */
final class TokenClaims {

    static final String MOBILE = "mobile";
    static final String NICKNAME = "nickname";
    static final String AVATAR = "avatar";
    static final String IS_ADMIN = "is_admin";

    private TokenClaims() {
    }
}
