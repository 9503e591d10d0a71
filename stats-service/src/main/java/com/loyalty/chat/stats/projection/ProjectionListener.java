package com.loyalty.chat.stats.projection;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.loyalty.chat.chassis.kafka.BatchPoison;
import com.loyalty.chat.chassis.kafka.ContractRecords;
import com.loyalty.chat.chassis.kafka.PoisonRecordException;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.stats.StatsProperties;

/**
 * Reads both event topics in batches and applies each batch in one transaction. A record that cannot be read or
 * applied is dead-lettered and the rest of its batch is applied ({@link BatchPoison}); a database that is away fails
 * the whole batch, which is retried until it answers again, so no event is ever skipped.
 */
@Component
class ProjectionListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);
    /** The widths of {@code processed_events.event_id} and {@code session_facts.session_id}. */
    private static final int MAX_EVENT_ID = 64;
    private static final int MAX_SESSION_ID = 100;

    private final StatsProjection projection;
    private final TransactionTemplate transaction;
    private final ContractRecords contractRecords;
    private final AtomicBoolean replayPending;

    ProjectionListener(StatsProjection projection, TransactionTemplate transaction, ContractRecords contractRecords,
                       StatsProperties properties) {
        this.projection = projection;
        this.transaction = transaction;
        this.contractRecords = contractRecords;
        this.replayPending = new AtomicBoolean(properties.rebuildOnStart());
        if (properties.rebuildOnStart()) {
            log.warn("Rebuilding the stats projection: emptying it and replaying {} and {} from the beginning",
                    Topics.SESSION_EVENTS, Topics.MESSAGE_EVENTS);
            projection.reset();
        }
    }

    @KafkaListener(id = "projection", idIsGroup = false, topics = {Topics.SESSION_EVENTS, Topics.MESSAGE_EVENTS},
            batch = "true")
    void onEvents(List<ConsumerRecord<String, String>> records) {
        BatchPoison.handleIsolatingPoison(records, this::apply);
    }

    private void apply(List<ConsumerRecord<String, String>> records) {
        List<Object> events = records.stream().map(this::read).toList();
        transaction.executeWithoutResult(status -> projection.apply(events));
    }

    private Object read(ConsumerRecord<String, String> record) {
        if (Topics.SESSION_EVENTS.equals(record.topic())) {
            SessionEvent event = contractRecords.read(record.value(), SessionEvent.class, SessionEvent::schemaVersion,
                    SessionEvent.SCHEMA_VERSION);
            requireIds(event.eventId(), event.sessionId());
            return event;
        }
        MessageEvent event = contractRecords.read(record.value(), MessageEvent.class, MessageEvent::schemaVersion,
                MessageEvent.SCHEMA_VERSION);
        requireIds(event.eventId(), event.sessionId());
        if (event instanceof MessageEvent.MessageStored stored && stored.senderType() == null) {
            // Not a user's, so it would count as an admin's reply and close a wait that is still open.
            throw new PoisonRecordException("MessageStored without senderType");
        }
        return event;
    }

    /**
     * Both ids are keys here. Kept too long, an id would be cut to its column's width (the projection's INSERT IGNOREs
     * turn the error into a warning) and two ids sharing a prefix would count as one event, or one session.
     */
    private static void requireIds(String eventId, String sessionId) {
        if (eventId == null || eventId.isBlank() || eventId.length() > MAX_EVENT_ID) {
            throw new PoisonRecordException("eventId missing or longer than " + MAX_EVENT_ID);
        }
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > MAX_SESSION_ID) {
            throw new PoisonRecordException("sessionId missing or longer than " + MAX_SESSION_ID);
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (replayPending.getAndSet(false)) {
            callback.seekToBeginning(assignments.keySet());
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // Nothing is held per partition: every batch is committed to the database before its offsets.
    }
}
