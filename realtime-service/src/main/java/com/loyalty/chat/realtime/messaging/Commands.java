package com.loyalty.chat.realtime.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.events.MessageCommand;
import com.loyalty.chat.contracts.events.RealtimeSignal;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.connection.FrameRejectedException;
import com.loyalty.chat.realtime.handshake.ConnectionIdentity;
import com.loyalty.chat.realtime.protocol.ClientFrame;

/**
 * Publishes what a client frame asks for: commands to message-service and signals to the other nodes, both keyed by
 * session so one session's records stay in order. The sender is always the connection's verified identity and role.
 */
@Component
class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    private final KafkaTemplate<String, Object> kafka;

    Commands(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    MessageCommand.Sender senderOf(Connection connection) {
        ConnectionIdentity identity = connection.identity();
        return new MessageCommand.Sender(identity.userId(), identity.role(), identity.nickname(), identity.avatar());
    }

    /** @param tempMessageId carried into an error, null when the frame has none */
    void send(Connection connection, ClientFrame frame, String tempMessageId, MessageCommand command) {
        publish(connection, frame, tempMessageId, Topics.MESSAGE_COMMANDS, command.sessionId(), command);
    }

    void signal(Connection connection, ClientFrame frame, RealtimeSignal signal) {
        publish(connection, frame, null, Topics.REALTIME_SIGNALS, signal.sessionId(), signal);
    }

    /**
     * Publishes without waiting for the broker; if publishing fails the client hears 5003, now or when the broker
     * gives up.
     */
    private void publish(Connection connection, ClientFrame frame, String tempMessageId, String topic, String key,
                         Object record) {
        try {
            kafka.send(topic, key, record).whenComplete((result, failure) -> {
                if (failure != null) {
                    log.warn("Publishing {} of {} failed", frame.type(), connection, failure);
                    connection.send(connection.dialect().error(ErrorCode.UNAVAILABLE.code(),
                            ErrorCode.UNAVAILABLE.defaultMessage(), frame.type(), tempMessageId, frame.requestId()));
                }
            });
        } catch (KafkaException e) {
            log.warn("Publishing {} of {} failed", frame.type(), connection, e);
            throw new FrameRejectedException(ErrorCode.UNAVAILABLE, ErrorCode.UNAVAILABLE.defaultMessage(),
                    tempMessageId);
        }
    }
}
