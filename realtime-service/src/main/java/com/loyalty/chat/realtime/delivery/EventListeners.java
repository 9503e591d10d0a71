package com.loyalty.chat.realtime.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import com.loyalty.chat.chassis.kafka.ContractRecords;
import com.loyalty.chat.chassis.kafka.PoisonRecordException;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.RealtimeSignal;
import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.realtime.sessions.SessionDirectory;


/**
 * Reads the event and signal topics as a broadcast: a consumer group of this run of this node, starting at the end
 * whenever partitions are assigned, because what happened while the node was away belongs to clients that are now
 * connected elsewhere and catch up through {@code offline_messages} and {@code sync}. Session and message events
 * also keep the node's session directory current.
 *
 * <p>A record that cannot be read (the chassis's {@link ContractRecords}) is logged and skipped rather than
 * dead-lettered: every node reads it, so each would put its own copy in the dead-letter topic, and the services
 * consuming as one group already dead-letter it.
 */
@Component("broadcast")
class EventListeners implements ConsumerSeekAware, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(EventListeners.class);
    private static final String GROUP = "#{@nodeId.broadcastGroup()}";
    private static final List<String> TOPICS = List.of(Topics.MESSAGE_EVENTS, Topics.SESSION_EVENTS,
            Topics.REALTIME_SIGNALS);

    /** Partitions this run has read from; only a partition seen for the first time starts at the end. */
    private final Set<TopicPartition> consumed = ConcurrentHashMap.newKeySet();

    private final ContractRecords records;
    private final EventRouter router;
    private final SessionDirectory sessions;

    EventListeners(ContractRecords records, EventRouter router, SessionDirectory sessions) {
        this.records = records;
        this.router = router;
        this.sessions = sessions;
    }

    @KafkaListener(topics = Topics.MESSAGE_EVENTS, groupId = GROUP)
    void onMessageEvent(ConsumerRecord<String, String> record) {
        read(record, MessageEvent.class, MessageEvent::schemaVersion, MessageEvent.SCHEMA_VERSION)
                .ifPresent(event -> {
                    sessions.learn(event);
                    router.route(event);
                });
    }

    @KafkaListener(topics = Topics.SESSION_EVENTS, groupId = GROUP)
    void onSessionEvent(ConsumerRecord<String, String> record) {
        read(record, SessionEvent.class, SessionEvent::schemaVersion, SessionEvent.SCHEMA_VERSION)
                .ifPresent(event -> {
                    sessions.learn(event);
                    router.route(event);
                });
    }

    @KafkaListener(topics = Topics.REALTIME_SIGNALS, groupId = GROUP)
    void onSignal(ConsumerRecord<String, String> record) {
        read(record, RealtimeSignal.class, RealtimeSignal::schemaVersion, RealtimeSignal.SCHEMA_VERSION)
                .ifPresent(router::route);
    }

    /**
     * The first time this run gets a partition it starts at the end. When a rebalance hands a partition back (the
     * three listeners share a group and join one by one), it resumes from the committed offset instead: seeking to
     * the end again would silently skip what was published during the rebalance.
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        List<TopicPartition> firstSeen = assignments.keySet().stream().filter(consumed::add).toList();
        if (!firstSeen.isEmpty()) {
            callback.seekToEnd(firstSeen);
        }
    }

    /**
     * Part of readiness: until every topic has partitions here, events would pass this node by, so it takes no
     * connections (the gateway's readiness and {@code ./run} wait for it too).
     */
    @Override
    public Health health() {
        Set<String> listening = consumed.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        return listening.containsAll(TOPICS) ? Health.up().build()
                : Health.outOfService().withDetail("waitingFor", TOPICS.stream().filter(t -> !listening.contains(t))
                        .toList()).build();
    }

    /** The record as {@code type}, or nothing when it is poison: skipped here, dead-lettered by the services. */
    private <E> Optional<E> read(ConsumerRecord<String, String> record, Class<E> type, ToIntFunction<E> schemaVersion,
                                 int supportedVersion) {
        try {
            return Optional.of(records.read(record.value(), type, schemaVersion, supportedVersion));
        } catch (PoisonRecordException e) {
            log.warn("Skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
