package com.loyalty.chat.realtime.support;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import com.loyalty.chat.contracts.events.UserProfile;
import com.loyalty.chat.localstack.LocalStack;

/** A fresh account per use, so no test sees another's frames by accident; tokens signed by the local stack. */
public record TestAccount(long userId, String mobile, String nickname) {

    private static final AtomicLong NEXT_ID = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    public static TestAccount next(String nickname) {
        long id = NEXT_ID.incrementAndGet();
        return new TestAccount(id, "136" + String.format("%08d", id % 100_000_000), nickname);
    }

    public String userToken() {
        return LocalStack.shared().tokens().issue(userId, mobile, nickname, false);
    }

    public String adminToken() {
        return LocalStack.shared().tokens().issue(userId, mobile, nickname, true);
    }

    public String expiredToken() {
        return LocalStack.shared().tokens().issueExpired(userId, mobile, nickname, false);
    }

    /** A user token that expires at that instant. */
    public String userTokenExpiringAt(Instant expiresAt) {
        return ExpiringTokens.issue(userId, mobile, nickname, false, expiresAt);
    }

    public UserProfile profile() {
        return new UserProfile(userId, nickname, null, mobile);
    }
}
