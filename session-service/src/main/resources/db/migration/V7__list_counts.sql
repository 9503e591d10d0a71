-- Every filter of the admin list reads its total from a maintained count instead of counting sessions per request:
--   all, closed        session_totals 'opened', 'closed' (since V4)
--   pending, waiting   session_totals 'pending' (status waiting), 'waiting' (waiting or assigned), from here on
--   active             admin_statuses.current_sessions of the calling admin (recounted under the admin's lock by every
--                      transaction that gives them a session or takes one away, since V4)
-- The service adds to the totals in the transaction of each opening and status change. This migration counts what is
-- there: run it with no older replica of the service writing meanwhile (an older replica does not keep the new totals).
ALTER TABLE session_totals DROP CONSTRAINT ck_session_totals_total;

ALTER TABLE session_totals
    ADD CONSTRAINT ck_session_totals_total CHECK (total IN ('opened', 'closed', 'pending', 'waiting'));

DELETE FROM session_totals WHERE total IN ('pending', 'waiting');

INSERT INTO session_totals (total, slot, sessions)
SELECT 'pending', 0, COUNT(*) FROM customer_sessions WHERE status = 'waiting'
UNION ALL
SELECT 'waiting', 0, COUNT(*) FROM customer_sessions WHERE awaiting_reply = 1;

-- Open sessions held by an admin without a status row (only data written around the service, e.g. a bulk load, can
-- hold them) get one, so that the admin's count is there to read; every admin's count is then taken afresh.
INSERT IGNORE INTO admin_statuses (admin_id, status, current_sessions, last_active_at, created_at, updated_at)
SELECT admin_id, 'offline', 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)
  FROM customer_sessions
 WHERE admin_id IS NOT NULL AND open_marker = 1
 GROUP BY admin_id;

UPDATE admin_statuses a
   SET a.current_sessions = (SELECT COUNT(*) FROM customer_sessions s
                              WHERE s.admin_id = a.admin_id AND s.open_marker = 1);
