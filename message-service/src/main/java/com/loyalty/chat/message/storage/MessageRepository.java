package com.loyalty.chat.message.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.loyalty.chat.chassis.jdbc.DateTimeColumns;
import com.loyalty.chat.contracts.events.Attachment;
import com.loyalty.chat.contracts.events.MessageCommand.Sender;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.WireNamed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@code chat_messages} with plain JDBC: the insert is a JDBC batch (one multi-row statement with
 * {@code rewriteBatchedStatements}), and every query walks one of the table's keys: {@code (session_id, sequence)}
 * for history and sync, {@code (sender_id, temp_message_id)} for repeats, {@code (session_id, sender_type, status,
 * sequence)} for read state and offline messages.
 */
@Repository
public class MessageRepository {

    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {
    };

    private static final List<String> COLUMN_NAMES = List.of("message_id", "session_id", "sequence", "sender_id",
            "sender_type", "sender_nickname", "sender_avatar", "content", "message_type", "status", "temp_message_id",
            "attachments", "created_at");
    private static final String COLUMNS = String.join(", ", COLUMN_NAMES);
    /** The columns qualified with the alias {@code m}, for queries that join {@code session_view}. */
    private static final String M_COLUMNS = COLUMN_NAMES.stream().map(name -> "m." + name)
            .collect(Collectors.joining(", "));

    private static final String UNREAD = """
            SELECT message_id FROM chat_messages
             WHERE session_id = :sessionId AND sender_type = :senderType AND status IN ('sent', 'delivered')""";

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;

    MessageRepository(JdbcTemplate jdbcTemplate, JsonMapper jsonMapper) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.jsonMapper = jsonMapper;
    }

    public void insertAll(List<StoredMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("INSERT INTO chat_messages (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                messages, messages.size(), (statement, message) -> {
                    statement.setString(1, message.messageId());
                    statement.setString(2, message.sessionId());
                    statement.setLong(3, message.sequence());
                    statement.setLong(4, message.senderId());
                    statement.setString(5, message.senderType().wireName());
                    statement.setString(6, message.senderNickname());
                    statement.setString(7, message.senderAvatar());
                    statement.setString(8, message.content());
                    statement.setString(9, message.messageType().wireName());
                    statement.setString(10, message.status().wireName());
                    statement.setString(11, message.tempMessageId());
                    statement.setString(12, message.attachments().isEmpty()
                            ? null : jsonMapper.writeValueAsString(message.attachments()));
                    statement.setObject(13, DateTimeColumns.value(message.createdAt()));
                });
    }

    /** The messages already stored under any of these keys; one query over the unique key. */
    public Map<IdempotencyKey, StoredMessage> findByIdempotencyKeys(Collection<IdempotencyKey> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<Object[]> tuples = keys.stream()
                .map(key -> new Object[] {key.senderId(), key.tempMessageId()})
                .toList();
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat_messages WHERE (sender_id, temp_message_id) IN (:keys)")
                .param("keys", tuples)
                .query(this::map)
                .stream()
                .collect(Collectors.toMap(m -> new IdempotencyKey(m.senderId(), m.tempMessageId()), Function.identity()));
    }

    public Optional<Long> findSequence(String sessionId, String messageId) {
        return jdbc.sql("SELECT sequence FROM chat_messages WHERE message_id = :messageId AND session_id = :sessionId")
                .param("messageId", messageId)
                .param("sessionId", sessionId)
                .query(Long.class)
                .optional();
    }

    /** How many messages of the session lie strictly between the two sequences; counted on the key alone. */
    public long countBetween(String sessionId, long afterSequence, long beforeSequence) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM chat_messages
                         WHERE session_id = :sessionId AND sequence > :after AND sequence < :before""")
                .param("sessionId", sessionId)
                .param("after", afterSequence)
                .param("before", beforeSequence)
                .query(Long.class)
                .single();
    }

    /**
     * Walking back from {@code beforeSequence}, skips {@code skip} messages and returns the next {@code limit},
     * oldest first.
     */
    public List<StoredMessage> findBefore(String sessionId, long beforeSequence, long skip, int limit) {
        List<StoredMessage> newestFirst = jdbc.sql("SELECT " + COLUMNS + """
                         FROM chat_messages
                        WHERE session_id = :sessionId AND sequence < :before
                        ORDER BY sequence DESC
                        LIMIT :limit OFFSET :skip""")
                .param("sessionId", sessionId)
                .param("before", beforeSequence)
                .param("limit", limit)
                .param("skip", skip)
                .query(this::map)
                .list();
        return newestFirst.reversed();
    }

    /** The first {@code limit} messages of the session after {@code afterSequence}, oldest first. */
    public List<StoredMessage> findAfter(String sessionId, long afterSequence, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM chat_messages
                        WHERE session_id = :sessionId AND sequence > :after
                        ORDER BY sequence
                        LIMIT :limit""")
                .param("sessionId", sessionId)
                .param("after", afterSequence)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    /** The ids of the session's messages that {@code readerSide} has not read yet, in sequence order. */
    public List<String> findUnreadBy(SenderType readerSide, String sessionId) {
        return jdbc.sql(UNREAD + " ORDER BY sequence")
                .param("sessionId", sessionId)
                .param("senderType", otherSideOf(readerSide).wireName())
                .query(String.class)
                .list();
    }

    /** Like {@link #findUnreadBy(SenderType, String)}, but only among {@code messageIds}. */
    public List<String> findUnreadBy(SenderType readerSide, String sessionId, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(UNREAD + " AND message_id IN (:messageIds) ORDER BY sequence")
                .param("sessionId", sessionId)
                .param("senderType", otherSideOf(readerSide).wireName())
                .param("messageIds", messageIds)
                .query(String.class)
                .list();
    }

    /**
     * Marks these messages read. The rows are locked in key order (one statement, ids sorted), the same order
     * {@link #markDelivered} takes, so the two never deadlock each other.
     */
    public void markRead(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE chat_messages SET status = 'read' WHERE message_id IN (:ids) AND status <> 'read'")
                .param("ids", new TreeSet<>(messageIds))
                .update();
    }

    /**
     * Moves the delivered messages from {@code sent} to {@code delivered}; one that is not in the named session, not
     * from the other side, or already delivered or read is left alone. One JDBC batch (one round trip with
     * {@code rewriteBatchedStatements}), in key order.
     */
    public void markDelivered(Collection<Delivery> deliveries) {
        List<Delivery> inKeyOrder = deliveries.stream()
                .sorted(Comparator.comparing(Delivery::messageId))
                .toList();
        if (inKeyOrder.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("""
                        UPDATE chat_messages SET status = 'delivered'
                         WHERE message_id = ? AND session_id = ? AND sender_type = ? AND status = 'sent'""",
                inKeyOrder, inKeyOrder.size(), (statement, delivery) -> {
                    statement.setString(1, delivery.messageId());
                    statement.setString(2, delivery.sessionId());
                    statement.setString(3, otherSideOf(delivery.recipientSide()).wireName());
                });
    }

    /**
     * The other side's messages that no connection of each recipient on {@code side} has received yet (still
     * {@code sent}), at most {@code limitEach} per recipient, oldest first, across the recipient's sessions: every
     * session of a user, the open sessions an admin holds. One statement however many recipients (a realtime node asks
     * for many connections at once): walks {@code session_view} by user or admin and then each session's pending
     * messages on {@code (session_id, sender_type, status, sequence)}; only the pending rows are sorted and numbered.
     * A recipient who missed nothing is absent from the answer.
     */
    public Map<Long, List<StoredMessage>> findUndelivered(SenderType side, Collection<Long> recipientIds,
                                                         int limitEach) {
        String recipient = switch (side) {
            case USER -> "s.user_id";
            case ADMIN -> "s.admin_id";
        };
        String openSessionsOnly = side == SenderType.ADMIN ? " AND s.status IN ('waiting', 'assigned', 'active')" : "";
        Map<Long, List<StoredMessage>> missed = new HashMap<>();
        jdbc.sql("SELECT recipient_id, " + COLUMNS + """
                         FROM (SELECT %1$s AS recipient_id, %2$s,
                                      ROW_NUMBER() OVER (PARTITION BY %1$s
                                                         ORDER BY m.created_at, m.session_id, m.sequence) AS place
                                 FROM session_view s
                                 JOIN chat_messages m
                                   ON m.session_id = s.session_id AND m.sender_type = :otherSide AND m.status = 'sent'
                                WHERE %1$s IN (:recipientIds)%3$s) pending
                        WHERE place <= :limitEach
                        ORDER BY recipient_id, place""".formatted(recipient, M_COLUMNS, openSessionsOnly))
                .param("otherSide", otherSideOf(side).wireName())
                .param("recipientIds", recipientIds)
                .param("limitEach", limitEach)
                .query(row -> {
                    missed.computeIfAbsent(row.getLong("recipient_id"), id -> new ArrayList<>()).add(map(row, 0));
                });
        return missed;
    }

    /** Whose messages one side reads and receives: the other side's. */
    private static SenderType otherSideOf(SenderType side) {
        return side == SenderType.USER ? SenderType.ADMIN : SenderType.USER;
    }

    private StoredMessage map(ResultSet row, int rowNumber) throws SQLException {
        String attachments = row.getString("attachments");
        return new StoredMessage(
                row.getString("message_id"),
                row.getString("session_id"),
                row.getLong("sequence"),
                row.getLong("sender_id"),
                WireNamed.parse(SenderType.class, row.getString("sender_type")),
                row.getString("sender_nickname"),
                row.getString("sender_avatar"),
                row.getString("content"),
                WireNamed.parse(MessageType.class, row.getString("message_type")),
                WireNamed.parse(MessageStatus.class, row.getString("status")),
                row.getString("temp_message_id"),
                attachments == null ? List.of() : jsonMapper.readValue(attachments, ATTACHMENTS),
                DateTimeColumns.instant(row, "created_at"));
    }
}
