-- The seed's customer_sessions, with times in UTC to the millisecond, a version bumped on every change, and at most
-- one open session per user: open_marker is 1 while the session is open and NULL once closed, and a unique key
-- ignores NULLs, so the database itself refuses a second open session.
CREATE TABLE customer_sessions (
    session_id         VARCHAR(100) NOT NULL,
    user_id            BIGINT       NOT NULL,
    admin_id           BIGINT       NULL,
    status             VARCHAR(16)  NOT NULL DEFAULT 'waiting',
    source             VARCHAR(50)  NOT NULL DEFAULT 'mobile',
    priority           INT          NOT NULL DEFAULT 1,
    created_at         DATETIME(3)  NOT NULL,
    updated_at         DATETIME(3)  NOT NULL,
    last_message_at    DATETIME(3)  NULL,
    closed_at          DATETIME(3)  NULL,
    satisfaction_score DECIMAL(3, 2) NULL,
    version            BIGINT       NOT NULL,
    open_marker        TINYINT GENERATED ALWAYS AS (CASE WHEN status = 'closed' THEN NULL ELSE 1 END) STORED,
    PRIMARY KEY (session_id),
    UNIQUE KEY uk_customer_sessions_one_open (user_id, open_marker),
    KEY idx_customer_sessions_admin (admin_id),
    KEY idx_customer_sessions_status (status),
    KEY idx_customer_sessions_created (created_at),
    KEY idx_customer_sessions_last_message (last_message_at),
    CONSTRAINT ck_customer_sessions_status CHECK (status IN ('waiting', 'assigned', 'active', 'closed'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Ids of consumed events: a redelivered event finds its id here and changes nothing.
CREATE TABLE processed_events (
    event_id     VARCHAR(64) NOT NULL,
    processed_at DATETIME(3) NOT NULL,
    PRIMARY KEY (event_id),
    KEY idx_processed_events_processed_at (processed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
