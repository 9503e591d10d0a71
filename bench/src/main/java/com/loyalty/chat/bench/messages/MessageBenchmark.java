package com.loyalty.chat.bench.messages;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import com.loyalty.chat.bench.Rest;
import com.loyalty.chat.bench.census.KafkaCensus;
import com.loyalty.chat.bench.census.OutboxProbe;
import com.loyalty.chat.bench.census.StatementCensus;
import com.loyalty.chat.bench.messages.Target.Account;
import com.loyalty.chat.bench.system.ProcessCpu;

/**
 * The message path under an open-model load: N users on one realtime node each send at a fixed share of the offered
 * rate, one admin on another node receives every message as {@code new_message}. The load does not slow down when
 * the system does: each message has a due time fixed in advance, and its latency counts from then.
 */
public final class MessageBenchmark {

    /** Logins from one address are limited to 20/s with bursts of 40 at the gateway; stay under it. */
    private static final double LOGINS_PER_SECOND = 18;
    private static final int SET_UP_CONCURRENCY = 8;
    private static final int NODE_PICK_ATTEMPTS = 20;
    /** Longer than the nodes' receipt delay (250 ms) plus the time to apply a receipt. */
    private static final Duration CENSUS_SETTLE = Duration.ofSeconds(2);

    private final MessageOptions options;
    private final Target target;
    private final Rest rest;
    private final HttpClient userSockets = HttpClient.newHttpClient();
    // Its own client (own selector thread), so the admin's receipts never queue behind the users' traffic.
    private final HttpClient adminSockets = HttpClient.newHttpClient();
    private final AtomicLong failedSends = new AtomicLong();

    private MessageBenchmark(MessageOptions options) {
        this.options = options;
        this.target = options.target();
        this.rest = new Rest(options.base());
    }

    public static int main(String[] arguments) throws Exception {
        if (List.of(arguments).contains("--help")) {
            System.out.print(MessageOptions.USAGE);
            return 0;
        }
        MessageOptions options;
        try {
            options = MessageOptions.parse(arguments);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(MessageOptions.USAGE);
            return 2;
        }
        return new MessageBenchmark(options).run();
    }

    private record User(Account account, String sessionId, Socket socket, String nodeId) {
    }

    private int run() throws Exception {
        String tempPrefix = "b" + Long.toString(System.currentTimeMillis(), 36) + "-";
        // Frames reach the measurement only once the schedule has started; set-up frames go nowhere.
        Measurement[] measurement = new Measurement[1];

        log("admin " + options.adminMobile() + " logs in and connects");
        Account admin = target.login(rest, options.adminMobile());
        Socket adminSocket = Socket.open(adminSockets, socketUri(admin, false), (frame, at) -> {
            if (measurement[0] != null) {
                measurement[0].onAdminFrame(frame, at);
            }
        }, failedSends);
        String adminNode = Frames.field(adminSocket.establishedFrame(), "nodeId");

        List<Account> accounts = logInUsers();
        log("opening " + accounts.size() + " sessions");
        List<String> sessionIds = parallel(accounts.size(), i -> () -> target.openSession(rest, accounts.get(i)));
        target.prepareSessions(rest, admin, sessionIds);

        log("connecting " + accounts.size() + " user sockets" + (adminNode != null ? ", not on the admin's node "
                + adminNode : ""));
        List<User> users = parallel(accounts.size(), i -> () -> connectUser(accounts.get(i), sessionIds.get(i),
                adminNode, measurement));
        String userNodes = users.stream().map(User::nodeId).distinct().sorted().reduce((a, b) -> a + ", " + b)
                .orElse("?");

        List<ProcessCpu.Watched> processes = ProcessCpu.discover(options.watchPids());
        // Frames still arriving from the set-up (offline messages, new sessions) have settled by now.
        Thread.sleep(1000);
        MeasuredWindow.Result idle = null;
        if (options.idleSeconds() > 0) {
            log("measuring " + options.idleSeconds() + " s of CPU with everyone connected and nothing sent");
            long idleFrom = System.nanoTime();
            idle = new MeasuredWindow(processes, idleFrom, MeasuredWindow.until(
                    idleFrom + Duration.ofSeconds(options.idleSeconds()).toNanos()), null, null).await();
        }

        Measurement run;
        MeasuredWindow.Result measured;
        String jdbcUrl = "jdbc:mysql://" + options.database() + "/?user=root";
        OutboxProbe.Peak outbox = null;
        try (KafkaCensus kafka = options.kafka() == null ? null : new KafkaCensus(options.kafka());
             StatementCensus statements = options.countStatements() ? new StatementCensus(jdbcUrl) : null;
             OutboxProbe outboxProbe = options.database() == null ? null : new OutboxProbe(jdbcUrl)) {
            long start = System.nanoTime() + Duration.ofMillis(200).toNanos();
            run = new Measurement(start, options.rate(), options.warmupMessages(), options.measuredMessages(),
                    tempPrefix);
            measurement[0] = run;
            log("offering " + options.rate() + " msg/s: " + options.warmupSeconds() + " s warm-up, then "
                    + options.durationSeconds() + " s measured");
            if (statements == null) {
                MeasuredWindow window = new MeasuredWindow(processes, run.dueAt(run.measuredFrom()),
                        MeasuredWindow.until(run.dueAt(run.total())), kafka, null);
                send(run, users, 0, run.measuredFrom());
                if (outboxProbe != null) {
                    outboxProbe.record();
                }
                send(run, users, run.measuredFrom(), run.total());
                drain(run);
                measured = window.await();
            } else {
                measured = census(run, users, processes, kafka, statements, () -> {
                    if (outboxProbe != null) {
                        outboxProbe.record();
                    }
                });
            }
            if (outboxProbe != null) {
                outbox = outboxProbe.peak();
            }
        }
        users.forEach(user -> user.socket().close());
        adminSocket.close();

        Report report = new Report(options, run, measured, idle, outbox, users.size(), userNodes,
                adminNode == null ? "-" : adminNode, failedSends.get(), ProcessCpu.serviceJvmOptions(processes));
        String markdown = report.markdown();
        System.out.println();
        System.out.print(markdown);
        if (options.out() != null) {
            Files.createDirectories(options.out().toAbsolutePath().getParent());
            Files.writeString(options.out(), markdown);
            log("report written to " + options.out());
        }
        if (options.failOnLoss() && !report.clean()) {
            System.err.println("FAILED: not every measured message was acknowledged and delivered exactly once");
            return 1;
        }
        return 0;
    }

    /** Through the gateway, or straight to the users' node (the first) or the admin's (the last). */
    private URI socketUri(Account account, boolean user) {
        URI base = !options.direct() ? options.base()
                : user ? options.nodeUrls().getFirst() : options.nodeUrls().getLast();
        return target.socketUri(base, account);
    }

    private List<Account> logInUsers() throws Exception {
        // Fresh mobiles register fresh plain users; the run stamp keeps runs against a kept database apart.
        String stamp = String.format("%04d", (System.currentTimeMillis() / 60_000) % 10_000);
        log("logging in " + options.users() + " users" + (target.pacesLogins() ? " (at most "
                + (int) LOGINS_PER_SECOND + "/s: the gateway limits logins per address)" : ""));
        long interval = target.pacesLogins() ? (long) (1e9 / LOGINS_PER_SECOND) : 0;
        long first = System.nanoTime();
        return parallel(options.users(), i -> () -> {
            long due = first + i * interval;
            LockSupport.parkNanos(due - System.nanoTime());
            return target.login(rest, "13" + stamp + String.format("%05d", i));
        });
    }

    /**
     * Through the gateway the node is whichever the balancer picks; a user who lands on the admin's node
     * reconnects until they do not, so every message crosses from one node to the other through Kafka.
     */
    private User connectUser(Account account, String sessionId, String adminNode, Measurement[] measurement) {
        URI uri = socketUri(account, true);
        for (int attempt = 1; ; attempt++) {
            Socket socket = Socket.open(userSockets, uri, (frame, at) -> {
                if (measurement[0] != null) {
                    measurement[0].onUserFrame(frame, at);
                }
            }, failedSends);
            String node = Frames.field(socket.establishedFrame(), "nodeId");
            boolean sameNode = adminNode != null && adminNode.equals(node);
            if (!sameNode || options.nodes() < 2) {
                return new User(account, sessionId, socket, node == null ? "-" : node);
            }
            socket.abort();
            if (options.direct() || attempt == NODE_PICK_ATTEMPTS) {
                throw new IllegalStateException("user " + account.userId() + " keeps landing on the admin's node "
                        + adminNode + "; are there " + options.nodes() + " nodes?");
            }
        }
    }

    /**
     * A census counts what the measured messages cause and nothing else: the warm-up settles first, then the
     * measured messages go out, and the window closes only once they have all arrived and their delivery receipts
     * (gathered for 250 ms on the nodes) have had time to be applied.
     */
    private MeasuredWindow.Result census(Measurement run, List<User> users, List<ProcessCpu.Watched> processes,
                                         KafkaCensus kafka, StatementCensus statements, Runnable onMeasuredStart)
            throws InterruptedException {
        send(run, users, 0, run.measuredFrom());
        long settleBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (run.warmupInFlight() > 0 && System.nanoTime() < settleBy) {
            Thread.sleep(50);
        }
        Thread.sleep(CENSUS_SETTLE.toMillis());
        awaitConsumers(kafka, "the warm-up");
        CountDownLatch done = new CountDownLatch(1);
        MeasuredWindow window = new MeasuredWindow(processes, System.nanoTime(), () -> {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, kafka, statements);
        // Reading the offsets takes a while; the first measured message leaves only once they are read.
        window.awaitStarted();
        onMeasuredStart.run();
        run.startMeasuredPhaseAt(System.nanoTime() + Duration.ofMillis(100).toNanos());
        send(run, users, run.measuredFrom(), run.total());
        drain(run);
        Thread.sleep(CENSUS_SETTLE.toMillis());
        awaitConsumers(kafka, "the measured messages");
        done.countDown();
        return window.await();
    }

    /** Every consumer group (session-service and stats-service are the slow ones) has read everything. */
    private static void awaitConsumers(KafkaCensus kafka, String what) throws InterruptedException {
        if (kafka == null) {
            return;
        }
        Map<String, Long> behind = kafka.awaitCaughtUp(Duration.ofSeconds(120));
        if (!behind.isEmpty()) {
            log("consumers still behind after " + what + " (records): " + behind + "; the census will count some of"
                    + " their work in the wrong window");
        }
    }

    /** The open-model sender: one thread, each message at its due time, or at once when it is already late. */
    private void send(Measurement run, List<User> users, int from, int to) {
        // Fixed-width content with Chinese text, as the admin console's users write; nothing in it needs escaping.
        IntFunction<String> content = seq -> "你好，我想咨询一下订单 " + seq + " 的配送进度，谢谢";
        for (int seq = from; seq < to; seq++) {
            long due = run.dueAt(seq);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            User user = users.get(seq % users.size());
            user.socket().send(target.sendFrame(user.sessionId(), content.apply(seq), run.tempMessageId(seq)));
            run.sent(seq, System.nanoTime());
        }
    }

    /** Waits until every measured message arrived, or the drain time after the last due time is over. */
    private void drain(Measurement run) throws InterruptedException {
        long deadline = run.dueAt(run.total() - 1) + Duration.ofSeconds(options.drainSeconds()).toNanos();
        while (System.nanoTime() < deadline && (run.undelivered() > 0 || run.unacknowledged() > 0)) {
            Thread.sleep(50);
        }
    }

    private static <T> List<T> parallel(int count, IntFunction<Callable<T>> task) throws Exception {
        Semaphore permits = new Semaphore(SET_UP_CONCURRENCY);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Callable<T> call = task.apply(i);
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return call.call();
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<T> results = new ArrayList<>(count);
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    static void log(String line) {
        System.err.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + line);
    }
}
