-- Ids and retry keys compare byte for byte, as the contract and the Java code do: "k1" and "K1", or "é" and "e", are
-- two keys. Under the tables' case- and accent-insensitive collation the unique key (sender_id, temp_message_id)
-- took them for one, so the second message failed on the key while Java found no earlier message to answer with.
-- utf8mb4_bin exists on MySQL 8.4 and MariaDB alike. It still ignores trailing spaces (PAD SPACE) like every _bin
-- collation both servers share, which is why the application refuses retry keys that end with a space.
-- Content and nickname columns keep their collation. Both sides of the session_view join change together.
ALTER TABLE session_view
    MODIFY session_id VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE chat_messages
    MODIFY message_id      VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY session_id      VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY temp_message_id VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;

-- The outbox's ids: Modulith compares them as Java strings too.
ALTER TABLE EVENT_PUBLICATION
    MODIFY ID          VARCHAR(36)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY LISTENER_ID VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY EVENT_TYPE  VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
