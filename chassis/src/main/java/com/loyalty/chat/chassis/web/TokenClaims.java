package com.loyalty.chat.chassis.web;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims session-service puts in its tokens, named in this one place for every service that reads them. It needs
 * only the JOSE {@link Jwt}, no servlet class, so a reactive service can read the same names.
 */
public final class TokenClaims {

    public static final String MOBILE = "mobile";
    public static final String NICKNAME = "nickname";
    public static final String AVATAR = "avatar";
    public static final String IS_ADMIN = "is_admin";

    private static final String LARGEST_ID = Long.toString(Long.MAX_VALUE);

    private TokenClaims() {
    }

    /**
     * Subjects are user ids: positive numbers a {@code BIGINT} column holds, written without sign or leading zeros.
     * Anything else is not a token of ours.
     */
    public static boolean isUserId(@Nullable String subject) {
        return subject != null && subject.matches("[1-9][0-9]{0,18}")
                && (subject.length() < LARGEST_ID.length() || subject.compareTo(LARGEST_ID) <= 0);
    }

    public static boolean admin(Jwt token) {
        return Boolean.TRUE.equals(token.getClaimAsBoolean(IS_ADMIN));
    }

    /** The caller the token names; call it only for a token whose subject {@link #isUserId is a user id}. */
    public static Caller caller(Jwt token) {
        return new Caller(Long.parseLong(token.getSubject()), admin(token), token.getClaimAsString(MOBILE),
                token.getClaimAsString(NICKNAME), token.getClaimAsString(AVATAR));
    }
}
