package com.loyalty.chat.realtime.sessions;

/** A session's user, and the admin who holds it (null while it waits in the shared queue). */
public record Participants(long userId, Long adminId) {
}
