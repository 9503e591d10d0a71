package com.loyalty.chat.realtime.handshake;

import org.springframework.security.oauth2.jwt.Jwt;

/** The claims session-service puts in its tokens. */
final class TokenClaims {

    private static final String MOBILE = "mobile";
    private static final String NICKNAME = "nickname";
    private static final String AVATAR = "avatar";
    private static final String IS_ADMIN = "is_admin";

    private TokenClaims() {
    }

    static boolean isUserId(String subject) {
        return subject != null && subject.matches("[1-9][0-9]{0,17}");
    }

    static long userId(Jwt jwt) {
        return Long.parseLong(jwt.getSubject());
    }

    static boolean admin(Jwt jwt) {
        return Boolean.TRUE.equals(jwt.getClaimAsBoolean(IS_ADMIN));
    }

    static String nickname(Jwt jwt) {
        return jwt.getClaimAsString(NICKNAME);
    }

    static String avatar(Jwt jwt) {
        return jwt.getClaimAsString(AVATAR);
    }

    static String mobile(Jwt jwt) {
        return jwt.getClaimAsString(MOBILE);
    }
}
