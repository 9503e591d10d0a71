package com.loyalty.chat.message.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.loyalty.chat.contracts.events.Attachment;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@code chat_messages} with plain JDBC: the insert is a JDBC batch (one multi-row statement with
 * {@code rewriteBatchedStatements}), and every query walks the {@code (session_id, sequence)} or
 * {@code (sender_id, temp_message_id)} key.
 */
@Repository
public class MessageRepository {

    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {
    };

    private static final String COLUMNS = """
            message_id, session_id, sequence, sender_id, sender_type, sender_nickname, sender_avatar, content,
            message_type, status, temp_message_id, attachments, created_at""";

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
                    statement.setObject(13, LocalDateTime.ofInstant(message.createdAt(), ZoneOffset.UTC));
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

    /** How many messages of the session come before {@code beforeSequence}. */
    public long countBefore(String sessionId, long beforeSequence) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_messages WHERE session_id = :sessionId AND sequence < :before")
                .param("sessionId", sessionId)
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

    private StoredMessage map(ResultSet row, int rowNumber) throws SQLException {
        String attachments = row.getString("attachments");
        return new StoredMessage(
                row.getString("message_id"),
                row.getString("session_id"),
                row.getLong("sequence"),
                row.getLong("sender_id"),
                SenderType.valueOf(row.getString("sender_type").toUpperCase(Locale.ROOT)),
                row.getString("sender_nickname"),
                row.getString("sender_avatar"),
                row.getString("content"),
                MessageType.valueOf(row.getString("message_type").toUpperCase(Locale.ROOT)),
                MessageStatus.fromWire(row.getString("status")),
                row.getString("temp_message_id"),
                attachments == null ? List.of() : jsonMapper.readValue(attachments, ATTACHMENTS),
                row.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }
}
