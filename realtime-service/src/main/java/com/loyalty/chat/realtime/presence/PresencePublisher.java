package com.loyalty.chat.realtime.presence;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.events.PresenceEvent;
import com.loyalty.chat.contracts.events.PresenceEvent.ConnectionClosed;
import com.loyalty.chat.contracts.events.PresenceEvent.ConnectionOpened;
import com.loyalty.chat.contracts.events.PresenceEvent.NodeHeartbeat;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.connection.ConnectionListener;
import com.loyalty.chat.realtime.connection.ConnectionRegistry;
import com.loyalty.chat.realtime.node.NodeId;

/**
 * Publishes each connection's opening and closing, and a periodic heartbeat, keyed by node id so one node's story
 * stays in order. A lost presence event is not retried here: the heartbeat's connection count and the node's death
 * after missed heartbeats bound how wrong presence can stay.
 */
@Component
class PresencePublisher implements ConnectionListener, SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PresencePublisher.class);

    private final KafkaTemplate<String, Object> kafka;
    private final ConnectionRegistry registry;
    private final NodeId nodeId;
    private final PresenceProperties properties;
    private final Clock clock;

    PresencePublisher(KafkaTemplate<String, Object> kafka, ConnectionRegistry registry, NodeId nodeId,
                      PresenceProperties properties, Clock clock) {
        this.kafka = kafka;
        this.registry = registry;
        this.nodeId = nodeId;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void connectionOpened(Connection connection) {
        publish(new ConnectionOpened(PresenceEvent.SCHEMA_VERSION, newEventId(), nodeId.value(), clock.instant(),
                connection.id(), connection.userId(), connection.role()));
    }

    @Override
    public void connectionClosed(Connection connection) {
        publish(new ConnectionClosed(PresenceEvent.SCHEMA_VERSION, newEventId(), nodeId.value(), clock.instant(),
                connection.id(), connection.userId(), connection.role()));
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::heartbeat, properties.heartbeatInterval());
    }

    void heartbeat() {
        publish(new NodeHeartbeat(PresenceEvent.SCHEMA_VERSION, newEventId(), nodeId.value(), clock.instant(),
                registry.size()));
    }

    private void publish(PresenceEvent event) {
        try {
            kafka.send(Topics.PRESENCE_EVENTS, nodeId.value(), event).whenComplete((result, failure) -> {
                if (failure != null) {
                    log.warn("Publishing {} failed", event, failure);
                }
            });
        } catch (KafkaException e) {
            log.warn("Publishing {} failed", event, e);
        }
    }

    private static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
