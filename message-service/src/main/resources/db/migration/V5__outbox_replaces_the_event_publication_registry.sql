-- The transactional outbox becomes the service's own table, relayed by messaging.OutboxRelay instead of Spring
-- Modulith's event publication registry. A row holds the MessageEvents one transaction announced, in announcement
-- order, as {"events": [...]} (the JSON the registry stored for an OutboxBatch, so its rows copy over unchanged); a big
-- transaction writes several rows. The relay deletes a row once Kafka has acknowledged all of its events; a row left
-- behind is sent again. Ids are taken in insert order, and a session's events are inserted under its session_view row
-- lock, so id order is each session's commit order: resubmission walks the table by id.
-- created_at is the database's clock, compared only with the database's clock (how long a row has waited).
CREATE TABLE outbox
(
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    events     MEDIUMTEXT  NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id)
) ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci;

-- Publications the registry had not completed (the broker was away, or the service stopped before Kafka acknowledged
-- them) are carried over in the order they were stored, so the relay sends them before anything new. The registry's
-- only publications here were OutboxBatch ones (its one listener, KafkaRelay). With nothing left to read it, the table
-- goes: this version never writes it, so stop every instance of the previous version before starting this one (an
-- old instance would still write publications there and find the table gone).
INSERT INTO outbox (events, created_at)
SELECT SERIALIZED_EVENT, PUBLICATION_DATE
  FROM EVENT_PUBLICATION
 WHERE COMPLETION_DATE IS NULL
   AND EVENT_TYPE = 'com.loyalty.chat.message.messaging.OutboxBatch'
 ORDER BY PUBLICATION_DATE, ID;

DROP TABLE EVENT_PUBLICATION;
