-- Sessions complete: who holds them, their rating, what message-service and the realtime nodes tell us (the list's
-- read model), admin presence and capacity, and the operation log.

-- A waiting session has no holder; an assigned or active one has one; a closed one keeps whoever held it last. The
-- list filters rely on this (pending = waiting, active = held and open).
ALTER TABLE customer_sessions
    ADD COLUMN rating_comment           VARCHAR(500) NULL AFTER satisfaction_score,
    ADD COLUMN rated_at                 DATETIME(3)  NULL AFTER rating_comment,
    -- The read model, kept from MessageStored / MessagesRead. unread_count may dip below zero for a moment when a
    -- read receipt overtakes the message it reads; readers floor it at zero.
    ADD COLUMN last_message_id          VARCHAR(100) NULL,
    ADD COLUMN last_message_sequence    BIGINT       NULL,
    ADD COLUMN last_message_content     TEXT         NULL,
    ADD COLUMN last_message_type        VARCHAR(16)  NULL,
    ADD COLUMN last_message_sender_id   BIGINT       NULL,
    ADD COLUMN last_message_sender_type VARCHAR(8)   NULL,
    ADD COLUMN message_count            INT          NOT NULL DEFAULT 0,
    ADD COLUMN unread_count             INT          NOT NULL DEFAULT 0,
    -- The list's order as one non-null column, so ORDER BY can walk an index instead of sorting.
    ADD COLUMN last_activity_at         DATETIME(3) GENERATED ALWAYS AS (COALESCE(last_message_at, created_at)) STORED,
    -- 1 while no admin has replied (waiting or assigned), else NULL: the 'waiting' filter as one indexed equality.
    ADD COLUMN awaiting_reply           TINYINT GENERATED ALWAYS AS
        (CASE WHEN status IN ('waiting', 'assigned') THEN 1 END) STORED,
    ADD CONSTRAINT ck_customer_sessions_holder CHECK (status = 'closed' OR (status = 'waiting') = (admin_id IS NULL)),
    ADD CONSTRAINT ck_customer_sessions_score CHECK (satisfaction_score IS NULL OR satisfaction_score BETWEEN 1 AND 5);

-- One index per list filter, each ending in the list order so that a page is read in order and stops at LIMIT:
--   all               → idx_cs_activity
--   pending, closed   → idx_cs_status_activity (status = ?)
--   waiting           → idx_cs_awaiting_activity (awaiting_reply = 1)
--   active            → idx_cs_admin_open_activity (admin_id = ? AND open_marker = 1), also an admin's load
-- plus the assignment queue (oldest waiting first, higher priority first) and a user's own sessions.
ALTER TABLE customer_sessions
    DROP INDEX idx_customer_sessions_admin,
    DROP INDEX idx_customer_sessions_status,
    DROP INDEX idx_customer_sessions_created,
    DROP INDEX idx_customer_sessions_last_message,
    ADD KEY idx_cs_activity (last_activity_at, session_id),
    ADD KEY idx_cs_status_activity (status, last_activity_at, session_id),
    ADD KEY idx_cs_awaiting_activity (awaiting_reply, last_activity_at, session_id),
    ADD KEY idx_cs_admin_open_activity (admin_id, open_marker, last_activity_at, session_id),
    ADD KEY idx_cs_queue (status, priority DESC, created_at, session_id),
    ADD KEY idx_cs_user_created (user_id, created_at);

-- The seed's admin_statuses. Columns by writer: presence keeps status, busy, last_active_at and offline_since from
-- the realtime nodes' connections; session transitions keep current_sessions (recounted from customer_sessions under
-- this row's lock, never incremented blindly) and last_assigned_at.
CREATE TABLE admin_statuses (
    admin_id         BIGINT      NOT NULL,
    status           VARCHAR(8)  NOT NULL DEFAULT 'offline',
    -- The admin's own choice; status is 'busy' only while they are also connected.
    busy             BOOLEAN     NOT NULL DEFAULT FALSE,
    current_sessions INT         NOT NULL DEFAULT 0,
    max_sessions     INT         NOT NULL DEFAULT 5,
    last_active_at   DATETIME(3) NOT NULL,
    -- When the last connection went away; NULL while connected, and for an admin never seen connected.
    offline_since    DATETIME(3) NULL,
    last_assigned_at DATETIME(3) NULL,
    created_at       DATETIME(3) NOT NULL,
    updated_at       DATETIME(3) NOT NULL,
    PRIMARY KEY (admin_id),
    CONSTRAINT ck_admin_statuses_status CHECK (status IN ('online', 'busy', 'offline'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Realtime nodes and when each was last heard from (its lease); a node unheard for the TTL is presumed dead.
CREATE TABLE presence_nodes (
    node_id      VARCHAR(200) NOT NULL,
    last_seen_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (node_id),
    KEY idx_presence_nodes_last_seen (last_seen_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Live WebSocket connections, as the nodes announced them; role is 'user' or 'admin'.
CREATE TABLE presence_connections (
    node_id       VARCHAR(200) NOT NULL,
    connection_id VARCHAR(100) NOT NULL,
    user_id       BIGINT       NOT NULL,
    role          VARCHAR(8)   NOT NULL,
    opened_at     DATETIME(3)  NOT NULL,
    PRIMARY KEY (node_id, connection_id),
    KEY idx_presence_connections_user (user_id, role)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Who did what to which session, newest first by log_id. operator_type is 'admin', 'user' or 'system' (automatic
-- assignment and re-queueing, operator_id NULL).
CREATE TABLE operation_logs (
    log_id        BIGINT       NOT NULL AUTO_INCREMENT,
    session_id    VARCHAR(100) NOT NULL,
    action        VARCHAR(16)  NOT NULL,
    operator_type VARCHAR(8)   NOT NULL,
    operator_id   BIGINT       NULL,
    from_status   VARCHAR(16)  NULL,
    to_status     VARCHAR(16)  NULL,
    from_admin_id BIGINT       NULL,
    to_admin_id   BIGINT       NULL,
    message_id    VARCHAR(100) NULL,
    note          VARCHAR(255) NULL,
    created_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (log_id),
    KEY idx_operation_logs_session (session_id, log_id),
    KEY idx_operation_logs_operator (operator_type, operator_id, log_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The list's two large totals, 'all' (sessions ever opened: none is ever deleted) and 'closed' (none reopens), as a
-- sum of a few rows instead of a count over every session. Written in the transaction of each opening and closing, as
-- the last lock it takes; each adds to one of several slots picked at random, so that concurrent writers rarely wait on
-- one another, and readers sum the slots.
CREATE TABLE session_totals (
    total    VARCHAR(8) NOT NULL,
    slot     TINYINT    NOT NULL,
    sessions BIGINT     NOT NULL,
    PRIMARY KEY (total, slot),
    CONSTRAINT ck_session_totals_total CHECK (total IN ('opened', 'closed'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO session_totals (total, slot, sessions)
SELECT 'opened', 0, COUNT(*) FROM customer_sessions
UNION ALL
SELECT 'closed', 0, COUNT(*) FROM customer_sessions WHERE status = 'closed';
