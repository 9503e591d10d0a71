-- Presence is kept per run of a realtime node. A run is one process start of the node (its runId, random each time):
-- a node killed and restarted under its id within its lease begins a new run, and what its earlier runs announced
-- died with them. Events without a runId (nodes that predate it) form one run of their own, ''.

-- A node's current run, and what reconciling its heartbeats with the connections held here needs:
--   heartbeats         heartbeats of this run handled so far (a connection announced after the n-th has
--                      confirmed_after = n);
--   excess_heartbeats  consecutive heartbeats, up to the last, that reported fewer connections than held here;
--   reannounced        since the last heartbeat the node announced again a connection it had announced before: it
--                      re-announces every open connection after losing an event.
ALTER TABLE presence_nodes
    ADD COLUMN run_id            VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '' AFTER node_id,
    ADD COLUMN heartbeats        BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN excess_heartbeats INT     NOT NULL DEFAULT 0,
    ADD COLUMN reannounced       BOOLEAN NOT NULL DEFAULT FALSE;

-- Each connection's run, and its latest announcement: the event that announced it (a redelivered event is not a
-- re-announcement) and after how many of the run's heartbeats it came.
ALTER TABLE presence_connections
    ADD COLUMN run_id          VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '' AFTER node_id,
    ADD COLUMN announced_by    VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    ADD COLUMN confirmed_after BIGINT NOT NULL DEFAULT 0;
