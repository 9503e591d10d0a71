package com.loyalty.chat.realtime.connection;

import java.time.Clock;
import java.time.Instant;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;

import com.loyalty.chat.contracts.api.ErrorCode;

/**
 * Looks the node's connections over on the node's scheduler (one task for all of them, no thread or timer per
 * connection) and ends those that must go:
 *
 * <ul>
 * <li>a connection whose token has expired hears {@code error} 4002 and is closed with 4002, so a long-lived
 * connection does not outlive its credentials; the client reconnects with a fresh token;</li>
 * <li>an idle one, that sent no frame for the idle timeout, is closed with 1001. Only client frames count: the server
 * pushing to a vanished client must not keep its connection alive, which is why the transport's idle timeout (reads
 * or writes) is not used;</li>
 * <li>a quiet one is pinged, and closed with 1001 when no pong comes back in time: a client gone without a close (a
 * phone off the network, a laptop shut) would otherwise keep its connection, and swallow frames, until the idle
 * timeout.</li>
 * </ul>
 */
@Component
class ConnectionReaper implements SchedulingConfigurer {

    static final CloseStatus IDLE = CloseStatus.GOING_AWAY.withReason("idle timeout");
    static final CloseStatus NO_PONG = CloseStatus.GOING_AWAY.withReason("no pong");
    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(ErrorCode.TOKEN_INVALID.code(), "token expired");

    private final ConnectionRegistry registry;
    private final ConnectionProperties properties;
    private final Clock clock;

    ConnectionReaper(ConnectionRegistry registry, ConnectionProperties properties, Clock clock) {
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::reap, properties.idleCheckInterval());
    }

    void reap() {
        Instant now = clock.instant();
        long nowNanos = System.nanoTime();
        long idleTimeout = properties.idleTimeout().toNanos();
        long pongTimeout = properties.pongTimeout().toNanos();
        long pingInterval = properties.pingInterval().toNanos();
        for (Connection connection : registry.all()) {
            if (connection.closing()) {
                continue;
            }
            Instant expiresAt = connection.identity().expiresAt();
            if (expiresAt != null && !expiresAt.isAfter(now)) {
                connection.closeAfter(connection.dialect().error(ErrorCode.TOKEN_INVALID.code(),
                        ErrorCode.TOKEN_INVALID.defaultMessage(), null, null, null), TOKEN_EXPIRED);
            } else if (connection.nanosSinceLastFrame(nowNanos) > idleTimeout) {
                connection.close(IDLE);
            } else if (connection.pongOverdue(nowNanos, pongTimeout)) {
                connection.close(NO_PONG);
            } else {
                connection.pingIfQuiet(nowNanos, pingInterval);
            }
        }
    }
}
