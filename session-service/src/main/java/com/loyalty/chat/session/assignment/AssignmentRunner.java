package com.loyalty.chat.session.assignment;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.loyalty.chat.contracts.events.SessionEvent;
import com.loyalty.chat.session.presence.AdminBecameAvailable;

/**
 * Runs the assigner when there may be something to assign: a session opened or was re-queued, an admin came online,
 * or a holder freed capacity (closed or handed on a session), and periodically in case a trigger was lost. Triggers
 * take effect after their transaction commits, so the run sees what triggered it. Runs happen one at a time on their
 * own thread; triggers arriving meanwhile fold into one more run, so a burst of them costs at most two.
 */
@Component
class AssignmentRunner implements SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AssignmentRunner.class);

    private final Assigner assigner;
    private final AssignmentProperties properties;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("assignment").daemon().factory());
    private final AtomicBoolean requested = new AtomicBoolean();

    AssignmentRunner(Assigner assigner, AssignmentProperties properties) {
        this.assigner = assigner;
        this.properties = properties;
    }

    @EventListener
    void on(SessionEvent event) {
        boolean mayAssign = switch (event) {
            case SessionEvent.SessionOpened _ -> true;
            case SessionEvent.SessionStatusChanged changed -> switch (changed.reason()) {
                case REQUEUED, TRANSFERRED, CLOSED_BY_ADMIN, CLOSED_BY_USER -> true;
                case ASSIGNED, CLAIMED, ADMIN_REPLIED -> false;
            };
            case SessionEvent.SessionRated _ -> false;
        };
        if (mayAssign) {
            requestAfterCommit();
        }
    }

    @EventListener
    void on(AdminBecameAvailable event) {
        requestAfterCommit();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::request, properties.sweepInterval());
    }

    void request() {
        if (requested.compareAndSet(false, true)) {
            executor.execute(this::run);
        }
    }

    /** A lost lock race (deadlock victim, lock wait timeout) is worth an immediate retry; anything else waits. */
    private void run() {
        requested.set(false);
        try {
            assigner.assignWhilePossible();
        } catch (ConcurrencyFailureException e) {
            log.debug("Assignment run lost a lock race; running again", e);
            request();
        } catch (RuntimeException e) {
            log.warn("Assignment run failed; the next trigger or sweep retries", e);
        }
    }

    private void requestAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            request();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                request();
            }
        });
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
