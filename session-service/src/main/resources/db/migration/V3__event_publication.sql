-- Spring Modulith 2.0.3's event publication registry (the outbox), verbatim from
-- spring-modulith-events-jdbc-2.0.3.jar!/org/springframework/modulith/events/jdbc/schemas/v2/schema-mysql.sql,
-- the schema that version reads and writes with the MySQL dialect. Keep the upper-case name: the registry's SQL
-- uses it, and table names are case-sensitive on Linux.
--
-- That DDL names no character set, so the schema default must be utf8mb4 for serialized events (which carry
-- Chinese nicknames) to fit; MariaDB before 11.6 defaults to latin1.
ALTER DATABASE CHARACTER SET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS EVENT_PUBLICATION
(
  ID                     VARCHAR(36) NOT NULL,
  LISTENER_ID            VARCHAR(512) NOT NULL,
  EVENT_TYPE             VARCHAR(512) NOT NULL,
  SERIALIZED_EVENT       VARCHAR(4000) NOT NULL,
  PUBLICATION_DATE       TIMESTAMP(6) NOT NULL,
  COMPLETION_DATE        TIMESTAMP(6) DEFAULT NULL NULL,
  STATUS                 VARCHAR(20),
  COMPLETION_ATTEMPTS    INT,
  LAST_RESUBMISSION_DATE TIMESTAMP(6) DEFAULT NULL NULL,
  PRIMARY KEY (ID),
  INDEX EVENT_PUBLICATION_BY_COMPLETION_DATE_IDX (COMPLETION_DATE)
);
