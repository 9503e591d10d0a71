package com.loyalty.chat.session.presence;

import java.time.Instant;

/** One admin as {@code GET /admins} lists them; {@code adminId} and {@code userId} are the same account id. */
record AdminView(long adminId, long userId, String nickname, String avatar, String status, int currentSessions,
                 int maxSessions, Instant lastActiveAt) {
}
