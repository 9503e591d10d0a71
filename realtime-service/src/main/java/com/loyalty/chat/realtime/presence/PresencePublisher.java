package com.loyalty.chat.realtime.presence;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.events.PresenceEvent;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.connection.ConnectionListener;
import com.loyalty.chat.realtime.node.NodeId;

/**
 * Publishes each connection's opening and closing, and a periodic heartbeat, keyed by node id so one node's story
 * stays in order, and stamped with this run of the node ({@link NodeId#incarnation()}, new at each process start) so
 * that session-service drops what a dead predecessor under the same id announced.
 *
 * <p>Every publication is made on one thread, in the order the connections came and went, so the heartbeat's count
 * matches the events before it ({@link PresenceStory}). Callers never wait for the broker: a connection thread only
 * hands its event over. An event the broker lost is made good at the next heartbeat by re-announcing every open
 * connection.
 */
@Component
class PresencePublisher implements ConnectionListener, SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PresencePublisher.class);
    /** How long a stopping node waits for presence events still queued, the last closings among them. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, Object> kafka;
    private final NodeId nodeId;
    private final PresenceProperties properties;
    private final PresenceStory story;
    private final ExecutorService publications =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("presence-publisher").daemon().factory());

    PresencePublisher(KafkaTemplate<String, Object> kafka, NodeId nodeId, PresenceProperties properties,
                      Clock clock) {
        this.kafka = kafka;
        this.nodeId = nodeId;
        this.properties = properties;
        this.story = new PresenceStory(nodeId.value(), nodeId.incarnation(), clock);
    }

    @Override
    public void connectionOpened(Connection connection) {
        PresenceStory.Announced announced = announced(connection);
        inOrder(() -> publish(story.opened(announced)));
    }

    @Override
    public void connectionClosed(Connection connection) {
        PresenceStory.Announced announced = announced(connection);
        inOrder(() -> publish(story.closed(announced)));
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::heartbeat, properties.heartbeatInterval());
    }

    void heartbeat() {
        inOrder(() -> publish(story.tick()));
    }

    @Override
    public void destroy() throws InterruptedException {
        publications.shutdown();
        if (!publications.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("Presence events still queued after {}; session-service expires this node by its lease",
                    DRAIN_TIMEOUT);
        }
    }

    private void publish(List<PresenceEvent> events) {
        events.forEach(this::publish);
    }

    private void publish(PresenceEvent event) {
        try {
            kafka.send(Topics.PRESENCE_EVENTS, nodeId.value(), event).whenComplete((result, failure) -> {
                if (failure != null) {
                    lost(event, failure);
                }
            });
        } catch (KafkaException e) {
            lost(event, e);
        }
    }

    /** Called on the producer's thread too: the story itself is only touched on the publication thread. */
    private void lost(PresenceEvent event, Throwable failure) {
        log.warn("Publishing {} failed; the next heartbeat re-announces this node's connections", event, failure);
        inOrder(story::lost);
    }

    /** Past {@link #destroy()} nothing more is told: session-service expires the node by its lease. */
    private void inOrder(Runnable publication) {
        try {
            publications.execute(publication);
        } catch (RejectedExecutionException stopped) {
            log.debug("Node stopping; presence publication dropped");
        }
    }

    private static PresenceStory.Announced announced(Connection connection) {
        return new PresenceStory.Announced(connection.id(), connection.userId(), connection.role());
    }
}
