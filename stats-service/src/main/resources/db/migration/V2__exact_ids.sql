-- Ids compare byte for byte: 'k1' and 'K1', or 'e' and 'é', are two keys. V1 named no character set, so its tables
-- took the server's default: latin1 on MariaDB before 11.6 (where a session id outside latin1 cannot even be stored),
-- a case- and accent-insensitive collation elsewhere, under which a producer's event id could be taken for another
-- already applied, and two sessions for one. Text becomes utf8mb4 everywhere, and id columns utf8mb4_bin (the same
-- name and meaning on MySQL 8.4 and MariaDB; a PAD SPACE collation on both, so trailing spaces are still ignored).
ALTER DATABASE CHARACTER SET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE processed_events CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
ALTER TABLE processed_events
    MODIFY event_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE session_facts CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
ALTER TABLE session_facts
    MODIFY session_id VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE daily_admin_figures CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
