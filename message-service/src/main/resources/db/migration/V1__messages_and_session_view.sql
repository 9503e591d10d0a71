-- Runs unchanged on MySQL 8.4 and MariaDB 10.11+. Times are DATETIME(3) holding UTC (the connection is forced to UTC).

-- What message-service knows about sessions, fed only by SessionEvents (never by session-service's tables).
-- next_sequence is message-service's own: the position the next stored message of the session takes.
CREATE TABLE session_view
(
    session_id    VARCHAR(100)                                  NOT NULL,
    user_id       BIGINT                                        NOT NULL,
    admin_id      BIGINT                                        NULL,
    status        ENUM ('waiting', 'assigned', 'active', 'closed') NOT NULL,
    version       BIGINT                                        NOT NULL,
    next_sequence BIGINT                                        NOT NULL DEFAULT 1,
    PRIMARY KEY (session_id)
) ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci;

-- The seed's chat_messages, plus the per-session sequence and a snapshot of the sender's public profile.
-- (session_id, sequence) serves history and sync; (sender_id, temp_message_id) makes a resend harmless
-- (rows without a temp id never collide: NULLs are distinct in a unique key).
CREATE TABLE chat_messages
(
    message_id      VARCHAR(100)                                          NOT NULL,
    session_id      VARCHAR(100)                                          NOT NULL,
    sequence        BIGINT                                                NOT NULL,
    sender_id       BIGINT                                                NOT NULL,
    sender_type     ENUM ('user', 'admin')                                NOT NULL,
    sender_nickname VARCHAR(255)                                          NULL,
    sender_avatar   VARCHAR(2048)                                         NULL,
    content         TEXT                                                  NOT NULL,
    message_type    ENUM ('text', 'image', 'file', 'system')              NOT NULL DEFAULT 'text',
    status          ENUM ('sending', 'sent', 'delivered', 'read', 'failed') NOT NULL DEFAULT 'sent',
    temp_message_id VARCHAR(100)                                          NULL,
    metadata        JSON                                                  NULL,
    attachments     JSON                                                  NULL,
    created_at      DATETIME(3)                                           NOT NULL,
    PRIMARY KEY (message_id),
    UNIQUE KEY uk_chat_messages_session_sequence (session_id, sequence),
    UNIQUE KEY uk_chat_messages_sender_temp (sender_id, temp_message_id)
) ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci;

-- Spring Modulith 2.0.3's JDBC event publication registry (the transactional outbox), as the jar's
-- schemas/v2/schema-mysql.sql declares it (v2 is what 2.0.3 uses unless use-legacy-structure is set), with one
-- change: SERIALIZED_EVENT is MEDIUMTEXT instead of VARCHAR(4000), because a MessageStored carries content of
-- up to 16 KB. The table name stays upper case: the registry's SQL says EVENT_PUBLICATION, and table names are
-- case sensitive on Linux.
CREATE TABLE EVENT_PUBLICATION
(
    ID                     VARCHAR(36)  NOT NULL,
    LISTENER_ID            VARCHAR(512) NOT NULL,
    EVENT_TYPE             VARCHAR(512) NOT NULL,
    SERIALIZED_EVENT       MEDIUMTEXT   NOT NULL,
    PUBLICATION_DATE       TIMESTAMP(6) NOT NULL,
    COMPLETION_DATE        TIMESTAMP(6) DEFAULT NULL NULL,
    STATUS                 VARCHAR(20),
    COMPLETION_ATTEMPTS    INT,
    LAST_RESUBMISSION_DATE TIMESTAMP(6) DEFAULT NULL NULL,
    PRIMARY KEY (ID),
    INDEX EVENT_PUBLICATION_BY_COMPLETION_DATE_IDX (COMPLETION_DATE)
) ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci;
