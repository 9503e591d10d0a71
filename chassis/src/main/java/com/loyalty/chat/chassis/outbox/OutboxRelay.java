package com.loyalty.chat.chassis.outbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.loyalty.chat.chassis.kafka.TransientFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries committed outbox rows to the declared topic ({@link OutboxEvents}), each event with its key, and deletes
 * each row once Kafka has acknowledged all of its events.
 *
 * <p><b>Live path.</b> {@link EventOutbox} hands a transaction's rows over just before it commits. A service
 * serialises the transactions that announce events of one key by a row lock (message-service: the session's
 * {@code session_view} row; session-service: the session's row), so the first of two such transactions queues its
 * rows before it releases the lock: the queue is in commit order for every key. One thread takes the queue from its
 * head: rows whose commit succeeded are sent at once without waiting for earlier acknowledgements, so under load one
 * wake-up covers many commits and the producer batches what queued meanwhile; rows that were not committed are
 * dropped; at the first row whose commit has not finished yet it waits. Acknowledged rows are deleted by a second
 * thread, all the rows acknowledged meanwhile in one statement, so no database round trip sits between a commit and
 * the next send. An idle relay sends a commit's events the moment the commit returns.
 *
 * <p><b>Catching up.</b> On start, when a send fails, and when a look every {@code resubmit-interval} finds a row
 * older than {@code resubmit-older-than} that this relay does not hold, the relay stops sending from the queue,
 * waits until Kafka has answered for everything it sent, and sends every outbox row it does not hold, in id order
 * (each key's commit order too: a row's id is taken when it is inserted, under that lock), pausing and starting over
 * while sends fail. Only then does it go back to the queue, whose rows are all newer. So a key's events are never
 * overtaken by later ones for good; the exception is what the producer had already accepted when a send failed: those
 * events may reach the topic before the failed one is sent again. Consumers already handle that (the sequence guard),
 * as they handle an event that arrives twice (eventId). Rows the relay holds (queued, in flight, or acknowledged and
 * waiting to be deleted) are never sent again by this process; with several replicas, one that catches up may send
 * rows another is sending at that moment. A row that cannot be read, or that Kafka refuses for good (not a transient
 * failure), is logged and left in the table.
 *
 * <p><b>Shutdown.</b> The relay starts before and stops after the web server and the Kafka listeners. On stop it sends
 * what has committed, waits for the acknowledgements and the deletes, for at most {@code drain-timeout}; whatever is
 * left stays in the outbox and is sent on the next start.
 */
class OutboxRelay implements SmartLifecycle {

    /** Below the web server's ({@code Integer.MAX_VALUE - 2048}) and the listener containers' phases. */
    static final int PHASE = Integer.MAX_VALUE - 4096;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int ROWS_PER_SCAN = 100;
    private static final int OLD_ROWS_PER_LOOK = 1000;
    private static final long CLEANER_DONE = Long.MIN_VALUE;
    private static final Exception NOT_TRIED = new CancellationException("not sent: an earlier send failed");

    private final KafkaTemplate<String, String> kafka;
    private final OutboxRows rows;
    private final JsonMapper jsonMapper;
    private final OutboxEvents<?> declared;
    private final OutboxProperties settings;

    private final ReentrantLock lock = new ReentrantLock();
    /** Something changed that the relay thread may be waiting for: a commit finished, an acknowledgement, a stop. */
    private final Condition changed = lock.newCondition();
    /** Handed over by committing transactions, in the order they did; guarded by {@link #lock}. */
    private final ArrayDeque<TransactionRows> incoming = new ArrayDeque<>();
    /** Guarded by {@link #lock}; reset when the relay takes {@link #incoming}. */
    private boolean signalled;

    /** Ids of the rows this relay holds: queued, sent and not yet acknowledged, or acknowledged and not yet deleted. */
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private final AtomicReference<Throwable> sendFailure = new AtomicReference<>();
    /** Rows Kafka acknowledged, for the cleaner to delete. */
    private final BlockingQueue<Long> acknowledgedRows = new LinkedBlockingQueue<>();

    // Only the relay thread touches these.
    private final ArrayDeque<TransactionRows> queue = new ArrayDeque<>();
    /** Rows that cannot be read or that Kafka refuses for good: logged once, left in the table. */
    private final Set<Long> parked = new HashSet<>();
    /** Why the last pass of catching up did not deliver everything. */
    private Throwable passFailure;

    private volatile boolean running;
    private volatile boolean stopping;
    /** When a stopping relay gives up ({@link System#nanoTime()}). */
    private volatile long drainDeadline;
    private Thread relayThread;
    private Thread cleanerThread;

    OutboxRelay(KafkaTemplate<String, String> kafka, OutboxRows rows, JsonMapper jsonMapper, OutboxEvents<?> declared,
                OutboxProperties settings) {
        this.kafka = kafka;
        this.rows = rows;
        this.jsonMapper = jsonMapper;
        this.declared = declared;
        this.settings = settings;
    }

    // ---- handover, called by committing transactions ----

    /** A transaction is about to commit these rows; they join the queue now, so the queue is in commit order. */
    void committing(TransactionRows written) {
        written.rows().forEach(row -> held.add(row.id()));
        written.handOver(System.nanoTime());
        lock.lock();
        try {
            incoming.add(written);
        }
        finally {
            lock.unlock();
        }
    }

    /** The transaction finished; rows of a commit that did not succeed (or may not have) are not sent from memory. */
    void completed(TransactionRows written, boolean committed) {
        written.settle(committed);
        if (written.handedOver()) {
            signal();
        }
    }

    // ---- lifecycle ----

    @Override
    public void start() {
        stopping = false;
        relayThread = Thread.ofPlatform().name("outbox-relay").daemon().unstarted(this::relay);
        cleanerThread = Thread.ofPlatform().name("outbox-cleaner").daemon().unstarted(this::clean);
        running = true;
        relayThread.start();
        cleanerThread.start();
    }

    @Override
    public void stop() {
        drainDeadline = System.nanoTime() + settings.drainTimeout().toNanos();
        stopping = true;
        signal();
        join(relayThread);
        join(cleanerThread);
        if (cleanerThread.isAlive()) {
            cleanerThread.interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void join(Thread thread) {
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(drainDeadline - System.nanoTime()) + 1000));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the relay thread ----

    private void relay() {
        boolean catchingUp = true; // rows an earlier run left behind go before anything new
        long nextLook = System.nanoTime() + settings.resubmitInterval().toNanos();
        try {
            while (!stopping) {
                try {
                    if (catchingUp) {
                        if (!catchUp()) {
                            break;
                        }
                        catchingUp = false;
                        nextLook = System.nanoTime() + settings.resubmitInterval().toNanos();
                        continue;
                    }
                    takeIncoming();
                    boolean sent = sendCommitted();
                    if (sendFailure.get() != null) {
                        catchingUp = true;
                        continue;
                    }
                    if (System.nanoTime() - nextLook >= 0) {
                        nextLook = System.nanoTime() + settings.resubmitInterval().toNanos();
                        if (rowsLeftBehind()) {
                            catchingUp = true;
                            continue;
                        }
                    }
                    if (!sent) {
                        awaitSignal(wakeUpAt(nextLook));
                    }
                }
                catch (RuntimeException failure) {
                    log.error("The outbox relay failed; it sends the outbox again", failure);
                    catchingUp = true;
                    pause(1000);
                }
            }
            if (!catchingUp) {
                drain();
            }
        }
        finally {
            acknowledgedRows.add(CLEANER_DONE);
        }
    }

    /** Sends the committed rows at the head of the queue; stops at a commit still running, or a failed send. */
    private boolean sendCommitted() {
        boolean sent = false;
        while (sendFailure.get() == null) {
            TransactionRows head = queue.peekFirst();
            if (head == null) {
                return sent;
            }
            switch (head.outcome()) {
                case COMMITTING -> {
                    if (System.nanoTime() - head.handedOverAt() < settings.resubmitOlderThan().toNanos()) {
                        return sent;
                    }
                    log.warn("Outbox rows {} waited {} for their transaction to finish; they are sent again if it "
                            + "committed", ids(head.rows()), settings.resubmitOlderThan());
                    release(queue.removeFirst());
                }
                case NOT_COMMITTED -> release(queue.removeFirst());
                case COMMITTED -> {
                    send(queue.removeFirst().rows());
                    sent = true;
                }
            }
        }
        return sent;
    }

    /**
     * Hands every event of these rows to the producer without waiting; acknowledgements arrive on its thread. Once a
     * send has failed, the rest count as failed without being tried: a broker that is away would make each of them
     * wait {@code max.block.ms} for metadata, and catching up sends them anyway.
     */
    private void send(List<OutboxRow> toSend) {
        for (OutboxRow row : toSend) {
            Delivery delivery = new Delivery(row.id(), row.events().size());
            for (OutboxRow.Event event : row.events()) {
                unacknowledged.incrementAndGet();
                if (sendFailure.get() != null) {
                    acknowledged(delivery, NOT_TRIED);
                    continue;
                }
                sendOne(event).whenComplete((result, failure) -> acknowledged(delivery, failure));
            }
        }
    }

    private CompletableFuture<?> sendOne(OutboxRow.Event event) {
        try {
            return kafka.send(declared.topic(), event.key(), event.json());
        }
        catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    /** On the producer's thread: a delivered row goes to the cleaner, a failed one stays for catching up. */
    private void acknowledged(Delivery delivery, Throwable failure) {
        if (failure != null) {
            delivery.failed = true;
            sendFailure.compareAndSet(null, failure);
        }
        if (delivery.remaining.decrementAndGet() == 0) {
            if (delivery.failed) {
                held.remove(delivery.rowId);
            }
            else {
                acknowledgedRows.add(delivery.rowId);
            }
        }
        if (unacknowledged.decrementAndGet() == 0 || failure != null) {
            signal();
        }
    }

    /** On stop: sends what has committed meanwhile and waits for Kafka's answers, until the drain deadline. */
    private void drain() {
        while (System.nanoTime() - drainDeadline < 0) {
            takeIncoming();
            sendCommitted();
            if (sendFailure.get() != null || queue.isEmpty()) {
                break;
            }
            awaitSignal(drainDeadline);
        }
        awaitAcknowledgements();
    }

    // ---- catching up ----

    /**
     * Sends, in id order, every outbox row this relay does not hold, until a pass finds none left; false when the
     * relay stops first. Waits for the answers to everything sent from the queue first, so that a row that fails
     * meanwhile is caught up too.
     */
    private boolean catchUp() {
        if (!awaitAcknowledgements()) {
            return false;
        }
        Throwable failure = sendFailure.getAndSet(null);
        if (failure != null) {
            log.warn("Kafka did not take outbox events ({}); sending what the outbox holds again, in order, before "
                    + "anything newer", describe(failure));
        }
        BackOffExecution pauses = backOff().start();
        boolean quiet = false;
        while (!stopping) {
            try {
                int sent = catchUpPass();
                if (sent >= 0) {
                    if (sent > 0 || failure != null || quiet) {
                        log.info("Outbox caught up: {} rows sent again", sent);
                    }
                    return true;
                }
                if (!quiet && passFailure != null) {
                    log.warn("Kafka does not take outbox events yet ({}); trying again", describe(passFailure));
                }
            }
            catch (RuntimeException readFailure) {
                if (!TransientFailures.isTransient(readFailure)) {
                    log.error("The outbox could not be read; trying again", readFailure);
                }
                else if (!quiet) {
                    log.warn("The outbox could not be read ({}); trying again", readFailure.toString());
                }
            }
            quiet = true;
            if (!pause(pauses.nextBackOff())) {
                return false;
            }
        }
        return false;
    }

    /** One pass over the outbox; answers how many rows it delivered, or -1 when a send failed or the relay stops. */
    private int catchUpPass() {
        passFailure = null;
        long after = 0;
        int delivered = 0;
        while (!stopping) {
            List<OutboxRows.Stored> found = rows.after(after, ROWS_PER_SCAN);
            if (found.isEmpty()) {
                return delivered;
            }
            after = found.getLast().id();
            List<OutboxRow> toSend = new ArrayList<>();
            for (OutboxRows.Stored row : found) {
                if (!held.contains(row.id()) && !parked.contains(row.id())) {
                    decode(row).ifPresent(toSend::add);
                }
            }
            int sent = sendAndAwait(toSend);
            if (sent < 0) {
                return -1;
            }
            delivered += sent;
        }
        return -1;
    }

    /**
     * Sends these rows and waits for Kafka's answers; deletes the delivered ones. Answers how many rows were
     * delivered, or -1 if a send failed for a reason that may pass (the rows stay, to be sent again in order).
     */
    private int sendAndAwait(List<OutboxRow> toSend) {
        List<CompletableFuture<?>> outcomes = new ArrayList<>();
        boolean failedAtOnce = false;
        for (int i = 0; i < toSend.size() && !failedAtOnce; i++) {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (OutboxRow.Event event : toSend.get(i).events()) {
                CompletableFuture<?> sent = sendOne(event);
                sends.add(sent);
                // Failed before it left (no metadata within max.block.ms, say): the others would wait as long.
                if (sent.isCompletedExceptionally()) {
                    failedAtOnce = true;
                    break;
                }
            }
            outcomes.add(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)));
        }
        List<Long> delivered = new ArrayList<>();
        Throwable transientFailure = null;
        for (int i = 0; i < outcomes.size(); i++) {
            long rowId = toSend.get(i).id();
            try {
                outcomes.get(i).join();
                delivered.add(rowId);
            }
            catch (CompletionException failure) {
                if (TransientFailures.isTransient(failure)) {
                    transientFailure = transientFailure == null ? failure : transientFailure;
                }
                else {
                    parked.add(rowId);
                    log.error("Kafka refused an event of outbox row {} for good; the row stays in the outbox", rowId,
                            failure.getCause());
                }
            }
        }
        rows.delete(delivered);
        if (transientFailure != null) {
            passFailure = transientFailure;
            return -1;
        }
        // A row refused for good stopped the batch early: the rows after it are tried in the next pass.
        return failedAtOnce ? -1 : delivered.size();
    }

    /** The row's events, each written as it is sent; an unreadable row is parked. */
    private Optional<OutboxRow> decode(OutboxRows.Stored row) {
        try {
            JsonNode events = jsonMapper.readTree(row.events()).get("events");
            if (events == null || !events.isArray()) {
                throw new IllegalArgumentException("no list of events");
            }
            List<OutboxRow.Event> decoded = new ArrayList<>();
            for (JsonNode stored : events) {
                Object event = stored.isNull() ? null : jsonMapper.treeToValue(stored, declared.type());
                if (event == null) {
                    throw new IllegalArgumentException("no list of events");
                }
                decoded.add(new OutboxRow.Event(declared.keyOf(event), jsonMapper.writeValueAsString(event)));
            }
            return Optional.of(new OutboxRow(row.id(), decoded));
        }
        catch (JacksonException | IllegalArgumentException e) {
            parked.add(row.id());
            log.error("Outbox row {} cannot be read, it stays in the outbox: {}", row.id(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the outbox holds a row older than {@code resubmit-older-than} that this relay does not hold. */
    private boolean rowsLeftBehind() {
        try {
            return rows.olderThan(settings.resubmitOlderThan(), OLD_ROWS_PER_LOOK).stream()
                    .anyMatch(id -> !held.contains(id) && !parked.contains(id));
        }
        catch (RuntimeException failure) {
            log.warn("Could not look for outbox rows left behind, will look again: {}", failure.toString());
            return false;
        }
    }

    // ---- waiting ----

    private void takeIncoming() {
        lock.lock();
        try {
            queue.addAll(incoming);
            incoming.clear();
            signalled = false;
        }
        finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            signalled = true;
            changed.signalAll();
        }
        finally {
            lock.unlock();
        }
    }

    /** When to look again without a signal: the next look for rows left behind, or a commit running out of time. */
    private long wakeUpAt(long nextLook) {
        TransactionRows head = queue.peekFirst();
        if (head != null && head.outcome() == TransactionRows.Outcome.COMMITTING) {
            long giveUpAt = head.handedOverAt() + settings.resubmitOlderThan().toNanos();
            return giveUpAt - nextLook < 0 ? giveUpAt : nextLook;
        }
        return nextLook;
    }

    private void awaitSignal(long until) {
        lock.lock();
        try {
            while (!signalled) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                changed.awaitNanos(left);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            lock.unlock();
        }
    }

    /** Waits until Kafka has answered for every event sent; false if the relay stopped and its deadline passed. */
    private boolean awaitAcknowledgements() {
        lock.lock();
        try {
            while (unacknowledged.get() > 0) {
                if (!stopping) {
                    changed.await();
                    continue;
                }
                long left = drainDeadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        finally {
            lock.unlock();
        }
    }

    /** Waits {@code millis} unless the relay stops first; false if it does. */
    private boolean pause(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (!stopping) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                changed.awaitNanos(left);
            }
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        finally {
            lock.unlock();
        }
    }

    // ---- the cleaner thread ----

    /** Deletes acknowledged rows, everything acknowledged meanwhile in one statement. */
    private void clean() {
        List<Long> batch = new ArrayList<>();
        BackOffExecution pauses = backOff().start();
        boolean relayDone = false;
        try {
            while (true) {
                if (batch.isEmpty()) {
                    if (relayDone) {
                        return;
                    }
                    batch.add(acknowledgedRows.take());
                }
                acknowledgedRows.drainTo(batch);
                if (batch.remove((Long) CLEANER_DONE)) {
                    relayDone = true;
                }
                try {
                    rows.delete(batch);
                    batch.forEach(held::remove);
                    batch.clear();
                    pauses = backOff().start();
                }
                catch (RuntimeException failure) {
                    if (stopping && System.nanoTime() - drainDeadline >= 0) {
                        log.warn("{} delivered outbox rows not deleted before shutdown; they will be sent again",
                                batch.size());
                        return;
                    }
                    log.warn("Delivered outbox rows not deleted yet ({}); trying again", failure.toString());
                    Thread.sleep(pauses.nextBackOff());
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- helpers ----

    private void release(TransactionRows written) {
        written.rows().forEach(row -> held.remove(row.id()));
    }

    private static List<Long> ids(List<OutboxRow> outboxRows) {
        return outboxRows.stream().map(OutboxRow::id).toList();
    }

    private static ExponentialBackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2);
        backOff.setMaxInterval(5000);
        return backOff;
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause instanceof CompletionException || cause.getMessage() == null)) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    /** What is known about one row's events on their way to Kafka. */
    private static final class Delivery {

        final long rowId;
        final AtomicInteger remaining;
        volatile boolean failed;

        Delivery(long rowId, int events) {
            this.rowId = rowId;
            this.remaining = new AtomicInteger(events);
        }
    }
}
