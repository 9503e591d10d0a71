package com.loyalty.chat.realtime.connection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;

import com.loyalty.chat.realtime.handshake.NodeAdmission;

/**
 * The node's door: it admits connections while the node has room, and on shutdown it closes and asks every client
 * to reconnect elsewhere (1012), so a rolling deploy moves clients rather than dropping them. It stops first of all
 * lifecycle beans, while Kafka can still carry the presence events of the connections it closes.
 */
@Component
class ConnectionGate implements NodeAdmission, SmartLifecycle {

    static final CloseStatus RESTARTING = CloseStatus.SERVICE_RESTARTED.withReason("node restarting, reconnect");

    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);

    private final ConnectionRegistry registry;
    private final ConnectionLifecycle lifecycle;
    private final ConnectionProperties properties;
    private final ConnectionCapacity capacity;
    /** Handshakes admitted and not yet over: they hold no registered connection yet, but will. */
    private final AtomicInteger handshaking = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean draining;

    ConnectionGate(ConnectionRegistry registry, ConnectionLifecycle lifecycle, ConnectionProperties properties,
                   ConnectionCapacity capacity) {
        this.registry = registry;
        this.lifecycle = lifecycle;
        this.properties = properties;
        this.capacity = capacity;
    }

    /**
     * Counts the connections held and the handshakes admitted but not over yet against the node's capacity, so a
     * storm of simultaneous handshakes cannot overshoot it by more than the few that finished their handshake and
     * are not registered yet. An admitted handshake must be followed by {@link #handshakeOver()}.
     */
    @Override
    public Optional<String> refusal() {
        if (draining) {
            return Optional.of("this node is shutting down; reconnect to another node");
        }
        int admitted = handshaking.incrementAndGet();
        String shortage = capacity.shortage(registry.size() + admitted - 1);
        if (shortage != null) {
            handshaking.decrementAndGet();
            log.debug("Refusing a connection: no room ({})", shortage);
            return Optional.of("this node is full; reconnect to another node or try again later");
        }
        return Optional.empty();
    }

    @Override
    public void handshakeOver() {
        handshaking.decrementAndGet();
    }

    @Override
    public Duration retryAfter() {
        return properties.retryAfter();
    }

    /** Also after a stop: a context can be stopped and started again (test contexts are paused that way). */
    @Override
    public void start() {
        draining = false;
        running = true;
    }

    /**
     * Refuses new handshakes, closes every connection with 1012 and waits for the transport to confirm, up to the
     * drain timeout; connections it has not confirmed by then are announced closed all the same.
     */
    @Override
    public void stop() {
        draining = true;
        List<CompletableFuture<Void>> closing = registry.all().stream()
                .map(connection -> connection.close(RESTARTING))
                .toList();
        log.info("Draining {} connections", closing.size());
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(properties.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("{} connections still closing after {}", registry.size(), properties.drainTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Closing never fails", e);
        }
        List.copyOf(registry.all()).forEach(lifecycle::closed);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
