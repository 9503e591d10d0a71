package com.loyalty.chat.realtime.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.events.MessageCommand;
import com.loyalty.chat.contracts.events.MessageCommand.MarkMessagesDelivered;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.realtime.connection.Connection;

/**
 * Tells message-service which messages a client of their recipient's side acknowledged ({@code ack}), so they move
 * from {@code sent} to {@code delivered} (and stop counting as missed). A socket taking the bytes does not count: a
 * half-open connection takes them too and shows them to nobody, and the client gets them again on reconnect.
 *
 * <p>Receipts gather for a short delay and leave as one {@code MarkMessagesDelivered} per session and recipient. A
 * receipt lost to a Kafka failure only leaves its messages {@code sent}: the client may see them once more among
 * its {@code offline_messages}, and dedupes them by {@code messageId}.
 */
@Component
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryReceipts implements SchedulingConfigurer, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryReceipts.class);

    private record Recipient(String sessionId, long userId, SenderType role) {
    }

    /** Changed only inside the map's compute for its key, and read only once removed from the map. */
    private record Pending(MessageCommand.Sender recipient, Set<String> messageIds) {
    }

    private final Map<Recipient, Pending> pending = new ConcurrentHashMap<>();
    private final KafkaTemplate<String, Object> kafka;
    private final DeliveryProperties properties;
    private final Clock clock;
    private volatile boolean running;

    DeliveryReceipts(KafkaTemplate<String, Object> kafka, DeliveryProperties properties, Clock clock) {
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
    }

    /** The recipient's client has these messages of the other side of the session. */
    void delivered(Connection recipient, String sessionId, List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        pending.compute(new Recipient(sessionId, recipient.userId(), recipient.role()), (key, held) -> {
            Pending receipt = held != null ? held : new Pending(new MessageCommand.Sender(recipient.userId(),
                    recipient.role(), recipient.identity().nickname(), recipient.identity().avatar()),
                    new LinkedHashSet<>());
            receipt.messageIds().addAll(messageIds);
            return receipt;
        });
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::flush, properties.receiptDelay());
    }

    void flush() {
        for (Recipient key : pending.keySet()) {
            Pending receipt = pending.remove(key);
            if (receipt != null) {
                publish(key.sessionId(), receipt);
            }
        }
    }

    private void publish(String sessionId, Pending receipt) {
        MarkMessagesDelivered command = new MarkMessagesDelivered(MessageCommand.SCHEMA_VERSION,
                UUID.randomUUID().toString(), sessionId, receipt.recipient(), clock.instant(),
                new ArrayList<>(receipt.messageIds()));
        try {
            kafka.send(Topics.MESSAGE_COMMANDS, sessionId, command).whenComplete((result, failure) -> {
                if (failure != null) {
                    log.warn("Publishing delivery receipt {} failed", command.commandId(), failure);
                }
            });
        } catch (KafkaException e) {
            log.warn("Publishing delivery receipt {} failed", command.commandId(), e);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Sends what has gathered; by now the web server is stopped, so no socket takes another frame. */
    @Override
    public void stop() {
        flush();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server (which stops at {@code DEFAULT_PHASE - 2048}), before the Kafka producer (last). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
