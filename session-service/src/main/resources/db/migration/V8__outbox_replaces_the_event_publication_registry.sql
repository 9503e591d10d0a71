-- The transactional outbox becomes the service's own table, relayed by the chassis's outbox relay instead of Spring
-- Modulith's event publication registry and its Kafka externalization. A row holds the SessionEvents one announcement
-- wrote, in order, as {"events": [...]} (each event's JSON with its "type", as it is sent). The relay deletes a row
-- once Kafka has acknowledged all of its events; a row left behind is sent again. Ids are taken in insert order, and a
-- session's events are inserted under its customer_sessions row lock, so id order is each session's commit order:
-- resubmission walks the table by id.
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
-- them) are carried over in the order they were stored, so the relay sends them before anything new. The registry
-- stored one SessionEvent per publication, as the JSON of its concrete type (type id included), under its
-- externalizer, the registry's only listener (in-process listeners are plain @EventListeners, not registered there):
-- each becomes a row of one event. With nothing left to read it, the table goes: this version never writes it, so stop
-- every instance of the previous version before starting this one (an old instance would still write publications
-- there and find the table gone).
INSERT INTO outbox (events, created_at)
SELECT CONCAT('{"events":[', SERIALIZED_EVENT, ']}'), PUBLICATION_DATE
  FROM EVENT_PUBLICATION
 WHERE COMPLETION_DATE IS NULL
   AND EVENT_TYPE IN ('com.loyalty.chat.contracts.events.SessionEvent$SessionOpened',
                      'com.loyalty.chat.contracts.events.SessionEvent$SessionStatusChanged',
                      'com.loyalty.chat.contracts.events.SessionEvent$SessionRated')
 ORDER BY PUBLICATION_DATE, ID;

DROP TABLE EVENT_PUBLICATION;
