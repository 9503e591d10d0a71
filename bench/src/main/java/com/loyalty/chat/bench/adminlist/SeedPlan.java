package com.loyalty.chat.bench.adminlist;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the seeded history looks like, row by row, as a function of the sizes alone.
 *
 * <ul>
 *   <li>{@code users} = sessions / 4 diners (ids from {@value #FIRST_USER_ID}), each with about four sessions over a
 *       year: the newest of each diner's sessions is open, the others are closed. So a quarter of the sessions are
 *       open (the database allows one open session per user), split 3:2:5 into waiting, assigned and active.</li>
 *   <li>Held and closed sessions belong to admin 31 (the demo admin who runs the list) or one of {@code admins}
 *       seeded admins (ids from {@value #FIRST_ADMIN_ID}), in turn.</li>
 *   <li>Each session has {@code messagesPerSession} messages 30 s apart; an unanswered session has only the diner's,
 *       an answered one alternates diner and admin. The session row carries the read model (last message, counts)
 *       that session-service keeps.</li>
 * </ul>
 */
record SeedPlan(long sessions, int messagesPerSession, int admins, long nowMillis) {

    static final long FIRST_USER_ID = 10_000_000;
    static final long FIRST_ADMIN_ID = 9_000_000;
    static final long DEMO_ADMIN_ID = 31;

    static final String SESSION_COLUMNS = "session_id, user_id, admin_id, status, source, priority, created_at, "
            + "updated_at, last_message_at, closed_at, satisfaction_score, version, last_message_id, "
            + "last_message_sequence, last_message_content, last_message_type, last_message_sender_id, "
            + "last_message_sender_type, message_count, unread_count";
    static final String MESSAGE_COLUMNS = "message_id, session_id, sequence, sender_id, sender_type, sender_nickname, "
            + "content, message_type, status, created_at";

    private static final String NULL = "\\N";
    private static final long SPAN_MILLIS = Duration.ofDays(365).toMillis();
    private static final long MESSAGE_GAP_MILLIS = 30_000;
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String[] USER_LINES = {"你好，我的订单还没有送到", "请问可以修改收货地址吗", "积分什么时候到账",
            "好的，谢谢", "我想退款"};
    private static final String[] ADMIN_LINES = {"您好，请稍等，我帮您查询一下", "已经为您处理好了", "还有其他可以帮您的吗？"};

    enum Status { WAITING, ASSIGNED, ACTIVE, CLOSED }

    SeedPlan {
        if (sessions < 1 || messagesPerSession < 0 || admins < 0) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        if (sessions * messagesPerSession >= 1L << 32) {
            throw new IllegalArgumentException("at most 2^32 messages (their ids carry 8 hex digits)");
        }
    }

    long users() {
        return Math.max(1, sessions / 4);
    }

    long messages() {
        return sessions * messagesPerSession;
    }

    long closedSessions() {
        return sessions - users();
    }

    /** The newest session of each user is open; every older one is closed. */
    Status status(long session) {
        if (session < sessions - users()) {
            return Status.CLOSED;
        }
        int bucket = (int) (session % 10);
        return bucket < 3 ? Status.WAITING : bucket < 5 ? Status.ASSIGNED : Status.ACTIVE;
    }

    long userOf(long session) {
        return FIRST_USER_ID + session % users();
    }

    /** The holder, or null for a waiting session. */
    Long adminOf(long session) {
        if (status(session) == Status.WAITING) {
            return null;
        }
        long turn = session % (admins + 1);
        return turn == 0 ? DEMO_ADMIN_ID : FIRST_ADMIN_ID + turn - 1;
    }

    /** Sessions are spread evenly over the last year, oldest first. */
    long createdMillis(long session) {
        return nowMillis - SPAN_MILLIS + session * SPAN_MILLIS / sessions - messagesPerSession * MESSAGE_GAP_MILLIS;
    }

    long messageMillis(long session, int sequence) {
        return createdMillis(session) + sequence * MESSAGE_GAP_MILLIS;
    }

    String sessionId(long session) {
        return "session_" + createdMillis(session) + "_" + hex8(session);
    }

    String messageId(long session, int sequence) {
        return "msg_" + messageMillis(session, sequence) + "_" + hex8(session * messagesPerSession + sequence - 1);
    }

    /** Unanswered sessions hold only the diner's messages; answered ones alternate, the diner first. */
    boolean fromUser(long session, int sequence) {
        Status status = status(session);
        return status == Status.WAITING || status == Status.ASSIGNED || sequence % 2 == 1;
    }

    /** The diner's messages after the admin's last one, which the admin side has not read. */
    int unread(long session) {
        return switch (status(session)) {
            case WAITING, ASSIGNED -> messagesPerSession;
            case ACTIVE -> messagesPerSession % 2;
            case CLOSED -> 0;
        };
    }

    String content(long session, int sequence) {
        return fromUser(session, sequence) ? USER_LINES[(int) ((session + sequence) % USER_LINES.length)]
                : ADMIN_LINES[(int) ((session + sequence) % ADMIN_LINES.length)];
    }

    void userRow(long index, StringBuilder row) {
        boolean admin = index >= users();
        long number = admin ? index - users() : index;
        String created = DATETIME.format(Instant.ofEpochMilli(nowMillis - SPAN_MILLIS));
        fields(row, admin ? FIRST_ADMIN_ID + number : FIRST_USER_ID + number,
                (admin ? "171" : "170") + String.format("%08d", number), (admin ? "客服" : "顾客") + number, NULL,
                admin ? 1 : 0, created, created);
    }

    void sessionRow(long session, StringBuilder row) {
        Status status = status(session);
        Long admin = adminOf(session);
        int last = messagesPerSession;
        boolean hasMessages = last > 0;
        String lastAt = hasMessages ? datetime(messageMillis(session, last)) : NULL;
        String closedAt = status == Status.CLOSED ? datetime(messageMillis(session, last) + 600_000) : NULL;
        fields(row, sessionId(session), userOf(session), nullable(admin), status.name().toLowerCase(), "mobile", 1,
                datetime(createdMillis(session)), status == Status.CLOSED ? closedAt : lastAt, lastAt, closedAt,
                status == Status.CLOSED && session % 3 == 0 ? String.valueOf(session % 5 + 1) : NULL,
                status.ordinal() + 1,
                hasMessages ? messageId(session, last) : NULL, hasMessages ? String.valueOf(last) : NULL,
                hasMessages ? content(session, last) : NULL, hasMessages ? "text" : NULL,
                hasMessages ? String.valueOf(senderOf(session, last)) : NULL,
                hasMessages ? (fromUser(session, last) ? "user" : "admin") : NULL, last, unread(session));
    }

    void sessionViewRow(long session, StringBuilder row) {
        fields(row, sessionId(session), userOf(session), nullable(adminOf(session)),
                status(session).name().toLowerCase(), status(session).ordinal() + 1, messagesPerSession + 1);
    }

    void messageRow(long index, StringBuilder row) {
        long session = index / Math.max(1, messagesPerSession);
        int sequence = (int) (index % messagesPerSession) + 1;
        boolean user = fromUser(session, sequence);
        Status status = status(session);
        boolean unread = user && sequence > messagesPerSession - unread(session);
        fields(row, messageId(session, sequence), sessionId(session), sequence, senderOf(session, sequence),
                user ? "user" : "admin", user ? "顾客" + (userOf(session) - FIRST_USER_ID) : "客服",
                content(session, sequence), "text", status != Status.CLOSED && unread ? "delivered" : "read",
                datetime(messageMillis(session, sequence)));
    }

    private long senderOf(long session, int sequence) {
        if (fromUser(session, sequence)) {
            return userOf(session);
        }
        Long admin = adminOf(session);
        return admin == null ? DEMO_ADMIN_ID : admin;
    }

    private static String nullable(Long value) {
        return value == null ? NULL : value.toString();
    }

    private static String datetime(long millis) {
        return DATETIME.format(Instant.ofEpochMilli(millis));
    }

    private static String hex8(long value) {
        String hex = Long.toHexString(value);
        return "0".repeat(8 - hex.length()) + hex;
    }

    /** Tab-separated; none of the seeded values contains a tab, a newline or a backslash. */
    private static void fields(StringBuilder row, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                row.append('\t');
            }
            row.append(values[i]);
        }
    }
}
