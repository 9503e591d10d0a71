-- SendMessage commands whose session the view does not know yet: the SessionOpened may simply not have arrived.
-- They wait here instead of in the consumer's poll, so no other session's commands wait with them, and they survive
-- a restart. give_up_at is when a command still without its session is refused with 4004. Rows are taken per
-- session in id order, the order the commands arrived in.
CREATE TABLE waiting_sends
(
    id         BIGINT                                               NOT NULL AUTO_INCREMENT,
    session_id VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    command    MEDIUMTEXT                                           NOT NULL,
    give_up_at DATETIME(3)                                          NOT NULL,
    PRIMARY KEY (id),
    INDEX idx_waiting_sends_session (session_id, id),
    INDEX idx_waiting_sends_give_up (give_up_at)
) ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci;
