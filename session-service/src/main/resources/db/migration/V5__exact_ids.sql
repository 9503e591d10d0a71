-- Ids and retry keys compare byte for byte, as the contract requires: 'k1' and 'K1', or 'e' and 'é', are two keys.
-- The tables' default (utf8mb4_unicode_ci) folds case and accents, so a client-supplied id could find another's row
-- and a producer's event id could be taken for a different event already processed. Every column that holds an id or
-- a key moves to utf8mb4_bin (same name and meaning on MySQL 8.4 and MariaDB); names and free text keep the default.
-- utf8mb4_bin is a PAD SPACE collation on both servers: trailing spaces are still ignored when comparing.
ALTER TABLE users
    MODIFY mobile VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE verification_codes
    MODIFY mobile    VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY code_hash VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE customer_sessions
    MODIFY session_id      VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY last_message_id VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;

ALTER TABLE processed_events
    MODIFY event_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE presence_nodes
    MODIFY node_id VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE presence_connections
    MODIFY node_id       VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY connection_id VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE operation_logs
    MODIFY session_id VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY message_id VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;

-- The outbox's publication ids and listener ids are keys too (Spring Modulith looks publications up by them).
ALTER TABLE EVENT_PUBLICATION
    MODIFY ID          VARCHAR(36)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY LISTENER_ID VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
