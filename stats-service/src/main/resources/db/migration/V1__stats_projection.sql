-- The stats projection, built only from session and message events. Every row can be rebuilt by replaying the
-- topics (see docs/stats.md). Days are calendar days in the configured zone (chat.stats.zone).

-- Events already applied: a redelivered event finds its id here and changes nothing.
CREATE TABLE processed_events (
    event_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    processed_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    KEY idx_processed_events_processed_at (processed_at)
);

-- One row per session: what the per-day session figures count. A message event may arrive before the session's
-- SessionOpened (different topics), so every column but the id may be filled in late.
CREATE TABLE session_facts (
    session_id          VARCHAR(100) NOT NULL PRIMARY KEY,
    admin_id            BIGINT       NULL,
    status              VARCHAR(16)  NULL,
    session_version     BIGINT       NOT NULL DEFAULT 0,
    opened_day          DATE         NULL,
    closed_day          DATE         NULL,
    first_reply_at      TIMESTAMP(3) NULL,
    -- The oldest user message still waiting for an admin reply; cleared by the reply.
    awaiting_since      TIMESTAMP(3) NULL,
    KEY idx_session_facts_opened (opened_day, admin_id),
    KEY idx_session_facts_closed (closed_day, admin_id),
    KEY idx_session_facts_status (status, admin_id)
);

-- Additive figures per day and admin (admin_id 0: no admin held the session at the time).
CREATE TABLE daily_admin_figures (
    day              DATE    NOT NULL,
    admin_id         BIGINT  NOT NULL,
    messages         INT     NOT NULL DEFAULT 0,
    responses        INT     NOT NULL DEFAULT 0,
    response_seconds BIGINT  NOT NULL DEFAULT 0,
    ratings          INT     NOT NULL DEFAULT 0,
    rating_sum       INT     NOT NULL DEFAULT 0,
    PRIMARY KEY (day, admin_id)
);
