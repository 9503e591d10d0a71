package com.loyalty.chat.realtime.connection;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Closes connections that sent nothing for the idle timeout. Only client frames count: the server pushing to a
 * vanished client must not keep its connection alive, which is why the container's idle timeout (reads or writes)
 * is not used.
 */
@Component
class IdleConnectionReaper implements SchedulingConfigurer {

    static final CloseStatus IDLE = CloseStatus.GOING_AWAY.withReason("idle timeout");

    private final ConnectionRegistry registry;
    private final ConnectionProperties properties;

    IdleConnectionReaper(ConnectionRegistry registry, ConnectionProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::closeIdleConnections, properties.idleCheckInterval());
    }

    void closeIdleConnections() {
        long now = System.nanoTime();
        long idleTimeout = properties.idleTimeout().toNanos();
        for (Connection connection : registry.all()) {
            if (connection.nanosSinceLastFrame(now) > idleTimeout) {
                connection.close(IDLE);
            }
        }
    }
}
