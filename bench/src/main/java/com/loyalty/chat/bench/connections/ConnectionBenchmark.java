package com.loyalty.chat.bench.connections;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;

import com.loyalty.chat.bench.Args;
import com.loyalty.chat.bench.Rest;
import com.loyalty.chat.bench.messages.MessageBenchmark;
import com.loyalty.chat.bench.system.Machine;
import com.loyalty.chat.bench.system.ProcessCpu;

import tools.jackson.databind.JsonNode;

/**
 * How many idle, authenticated WebSocket connections one realtime node holds and what each costs it: logs users in
 * (straight at session-service, whose logins the gateway would pace at 20/s), opens {@code --connections} sockets
 * straight to the node with at most {@code --in-flight} handshakes at a time, keeps them alive (heartbeat frames,
 * pongs), and reports handshakes/s, refusals (status, {@code Retry-After}, envelope code), and the node's resident
 * memory, live heap and open files before and after, per connection.
 */
public final class ConnectionBenchmark {

    static final String USAGE = """
            Usage: java -jar bench-exec.jar connections [options]
              --node-url URL       the realtime node (default http://127.0.0.1:8090)
              --login-url URL      where users log in (default http://127.0.0.1:8081, session-service)
              --node-pid PID       the node's process, for RSS, heap and open files (required)
              --connections N      sockets to open (default 18000)
              --users N            accounts the sockets are spread over (default min(N, 1000))
              --in-flight N        handshakes at once (default 200)
              --hold S             seconds to keep every socket after the last handshake (default 30)
              --path P             /ws (default) or /chat
              --token T            no logins: every socket uses this token (for a probe server that checks none)
              --offer-deflate      offer permessage-deflate, as browsers do
              --histograms DIR     write the node's whole heap histograms before and after there
              --greeting-wait S    before measuring, wait up to S s for every socket's second frame (default 120)
              --warm-up N          first open N sockets the same way, wait until they are greeted and close them,
                                   then measure on a node (and a load generator) that has served before
              --warm-up-out FILE   the warm-up's own report, a cold node's figures
              --message-rate R     with every socket held, run the message benchmark at R msg/s, its users and
                                   admin on this node (default 0: none)
              --message-duration S its measured seconds (default 20, after 5 s of warm-up)
              --message-url URL    where its accounts log in (default http://127.0.0.1:3000, the gateway)
              --watch-pid PID      the processes whose CPU the message benchmark reports, with their descendants,
                                   repeatable (default the node only; the launcher's pid: the whole system)
              --out FILE           also write the Markdown report there
              --note TEXT          a line for the report (repeatable)
            """;

    private static final int LOGIN_CONCURRENCY = 8;
    private static final long HEARTBEAT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(45);
    private static final long SETTLE_MILLIS = 5_000;
    private static final long QUIET_MILLIS_PER_SECOND = 200;
    private static final long HANDSHAKE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long GREETING_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Past this many failed handshakes the node is not holding up; the rest are not attempted. */
    private static final int GIVE_UP_AFTER_FAILURES = 2_000;
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final URI nodeUrl;
    private final Rest login;
    private final NodeProbe node;
    private final int connections;
    private final int users;
    private final int inFlight;
    private final int holdSeconds;
    private final String path;
    private final String fixedToken;
    private final int greetingWaitSeconds;
    private final String histograms;
    private final boolean offerDeflate;
    private final String out;
    private final List<String> notes;
    private final double messageRate;
    private final int messageDurationSeconds;
    private final String messageUrl;
    private final List<String> watchPids;
    /** The pass that warms the node up first, or null. */
    private final ConnectionBenchmark warmUp;

    // What happened to the sockets, counted on the selector thread and read by the driver.
    private final Semaphore window;
    private final LongAdder upgraded = new LongAdder();
    private final LongAdder established = new LongAdder();
    private final LongAdder greeted = new LongAdder();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> closedWhileOpening = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> closedWhileHeld = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> secondFrames = new ConcurrentHashMap<>();
    private final Histogram toEstablished = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
    private final Histogram toGreeted = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
    private final AtomicLong lastEstablishedNanos = new AtomicLong();
    private final List<RawSockets.Client> open = Collections.synchronizedList(new ArrayList<>());
    private final Set<Integer> resolved = ConcurrentHashMap.newKeySet();
    private volatile boolean holding;
    private volatile int attempted;
    private volatile long greetedBeforeMeasuring;
    private volatile long lastOutcomeNanos = System.nanoTime();

    private ConnectionBenchmark(Args args) {
        this(args, 0);
    }

    /** @param warmUpConnections above 0: the warm-up pass of that many connections, held for no time, no messages */
    private ConnectionBenchmark(Args args, int warmUpConnections) {
        boolean isWarmUp = warmUpConnections > 0;
        int warmUpFirst = isWarmUp ? 0 : args.integer("--warm-up", 0);
        this.nodeUrl = URI.create(args.string("--node-url", "http://127.0.0.1:8090"));
        this.login = new Rest(URI.create(args.string("--login-url", "http://127.0.0.1:8081")));
        this.node = new NodeProbe(CommandLine.requiredPid(args, "--node-pid"));
        this.connections = isWarmUp ? warmUpConnections : args.integer("--connections", 18_000);
        this.users = args.integer("--users", Math.min(connections, 1000));
        this.inFlight = args.integer("--in-flight", 200);
        this.holdSeconds = isWarmUp ? 0 : args.integer("--hold", 30);
        this.path = args.string("--path", "/ws");
        this.fixedToken = args.string("--token", null);
        this.greetingWaitSeconds = args.integer("--greeting-wait", 120);
        this.histograms = isWarmUp ? null : args.string("--histograms", null);
        this.offerDeflate = args.flag("--offer-deflate");
        this.out = args.string(isWarmUp ? "--warm-up-out" : "--out", null);
        this.notes = new ArrayList<>(args.all("--note"));
        if (isWarmUp) {
            notes.add("The warm-up pass, on a cold node: its connections are closed once measured.");
        } else if (warmUpFirst > 0) {
            notes.add("Measured on a node warmed up by " + warmUpFirst + " connections opened, greeted and closed first "
                    + "(the warm-up's report has the memory per connection to quote: this one's RSS growth counts "
                    + "only what the warm-up did not leave behind).");
        }
        this.warmUp = warmUpFirst > 0 ? new ConnectionBenchmark(args, warmUpFirst) : null;
        this.messageRate = isWarmUp ? 0 : args.decimal("--message-rate", 0);
        this.messageDurationSeconds = args.integer("--message-duration", 20);
        this.messageUrl = args.string("--message-url", "http://127.0.0.1:3000");
        this.watchPids = args.all("--watch-pid");
        this.window = new Semaphore(inFlight);
    }

    public static int main(String[] arguments) throws Exception {
        return CommandLine.run(arguments, USAGE,
                Set.of("--node-url", "--login-url", "--node-pid", "--connections", "--users", "--in-flight",
                        "--hold", "--path", "--out", "--note", "--token", "--greeting-wait", "--histograms",
                        "--message-rate", "--message-duration", "--message-url", "--watch-pid", "--warm-up",
                        "--warm-up-out"),
                Set.of("--offer-deflate"), args -> new ConnectionBenchmark(args)::run);
    }

    private int run() throws Exception {
        if (warmUp != null) {
            log("warming the node up: " + warmUp.connections + " connections opened, greeted and closed");
            int status = warmUp.run();
            if (status != 0) {
                return status;
            }
        }
        List<String> tokens = fixedToken != null ? List.of(fixedToken) : logIn(login, users);

        List<ProcessCpu.Watched> stack = ProcessCpu.discover(watchPids.stream().map(Long::parseLong).toList());
        // After a warm-up run the stack may still be closing its connections: not this run's cost.
        awaitQuietStack(stack, () -> { });
        log("baseline: full GC and heap histogram of the node (pid " + node.pid() + ")");
        node.nmtBaseline();
        NodeProbe.Snapshot before = node.snapshot(0);
        long cpuBefore = ProcessCpu.cpuMillis(node.pid()).orElse(0);
        Map<Long, Long> stackBefore = ProcessCpu.snapshot(stack);

        long started;
        long openedNanos;
        NodeProbe.Snapshot after;
        String nmtDiff;
        long peakRss;
        int heldAtEnd;
        long cpuOpening;
        String messages = "";
        String stackCpu = "";
        try (RawSockets sockets = new RawSockets(nodeUrl, new Counting(), offerDeflate)) {
            log("opening " + connections + " connections to " + nodeUrl + path + ", " + inFlight + " in flight");
            started = System.nanoTime();
            lastOutcomeNanos = started;
            long keepAliveTick = started;
            peakRss = 0;
            long lastProgress = started;
            for (int i = 0; i < connections; i++) {
                attempted = i + 1;
                boolean stalled = false;
                while (!window.tryAcquire(1, TimeUnit.SECONDS)) {
                    keepAlive(sockets);
                    if (System.nanoTime() - lastOutcomeNanos > STALL_NANOS) {
                        stalled = true;
                        break;
                    }
                }
                if (stalled) {
                    log("no handshake came to an end for " + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS)
                            + " s: the node is stuck; not attempting the rest");
                    attempted = i;
                    break;
                }
                String token = tokens.get(i % tokens.size());
                sockets.connect(i, path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
                long now = System.nanoTime();
                if (now - keepAliveTick > TimeUnit.SECONDS.toNanos(1)) {
                    keepAliveTick = now;
                    keepAlive(sockets);
                    peakRss = Math.max(peakRss, node.rssBytes());
                }
                if (now - lastProgress > TimeUnit.SECONDS.toNanos(5)) {
                    lastProgress = now;
                    log(progress(i + 1));
                }
                if (!node.alive()) {
                    log("the node is gone");
                    break;
                }
                if (failures.values().stream().mapToInt(AtomicInteger::get).sum() > GIVE_UP_AFTER_FAILURES) {
                    log("more than " + GIVE_UP_AFTER_FAILURES + " handshakes failed; not attempting the rest");
                    attempted = i + 1;
                    break;
                }
            }
            long deadline = System.nanoTime() + HANDSHAKE_TIMEOUT_NANOS;
            while (resolved.size() < attempted && System.nanoTime() < deadline && node.alive()
                    && System.nanoTime() - lastOutcomeNanos < STALL_NANOS) {
                Thread.sleep(200);
                keepAlive(sockets);
                peakRss = Math.max(peakRss, node.rssBytes());
            }
            openedNanos = Math.max(lastEstablishedNanos.get(), started + 1) - started;
            cpuOpening = ProcessCpu.cpuMillis(node.pid()).orElse(cpuBefore) - cpuBefore;
            // Idle means greeted: what a connection holds while its offline messages are on their way is not idle.
            long greetingDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(greetingWaitSeconds);
            while (greeted.sum() < established.sum() - closedCount() && System.nanoTime() < greetingDeadline) {
                Thread.sleep(500);
                keepAlive(sockets);
            }
            greetedBeforeMeasuring = greeted.sum();
            log(progress(attempted) + "; settling " + SETTLE_MILLIS / 1000 + " s");
            long settleUntil = System.currentTimeMillis() + SETTLE_MILLIS;
            while (System.currentTimeMillis() < settleUntil) {
                Thread.sleep(500);
                keepAlive(sockets);
            }
            awaitQuietStack(stack, () -> keepAlive(sockets));
            stackCpu = stackCpu(stack, stackBefore, System.nanoTime() - started);
            log("measuring: full GC and heap histogram of the node");
            after = node.snapshot(15);
            peakRss = Math.max(peakRss, after.rssBytes());
            nmtDiff = node.nmtDiff();
            holding = true;
            if (messageRate > 0) {
                messages = messagesWhileHeld(sockets);
                peakRss = Math.max(peakRss, node.rssBytes());
            }
            log("holding for " + holdSeconds + " s");
            long holdUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(holdSeconds);
            while (System.nanoTime() < holdUntil) {
                Thread.sleep(1000);
                keepAlive(sockets);
                peakRss = Math.max(peakRss, node.rssBytes());
            }
            heldAtEnd = countOpen(sockets);
            log("held at the end: " + heldAtEnd + "; dropping every socket");
        }

        if (histograms != null) {
            Files.createDirectories(Path.of(histograms));
            Files.writeString(Path.of(histograms, "before.txt"), before.fullHistogram());
            Files.writeString(Path.of(histograms, "after.txt"), after.fullHistogram());
        }
        String report = report(before, after, nmtDiff, peakRss, heldAtEnd, openedNanos, cpuOpening) + stackCpu
                + messages;
        System.out.println(report);
        if (out != null) {
            Files.writeString(Path.of(out), report);
            log("written to " + out);
        }
        return node.alive() ? 0 : 1;
    }

    /**
     * Until the stack is back to idle (under a tenth of the machine for a second, at most a minute): a service still
     * catching up on the storm's events (presence, offline questions) is part of what the connections cost.
     */
    private void awaitQuietStack(List<ProcessCpu.Watched> stack, Runnable meanwhile) throws InterruptedException {
        if (watchPids.isEmpty()) {
            return;
        }
        long self = ProcessHandle.current().pid();
        List<ProcessCpu.Watched> services = stack.stream().filter(process -> process.pid() != self).toList();
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        long previous = total(ProcessCpu.snapshot(services));
        while (System.nanoTime() < giveUp) {
            Thread.sleep(1000);
            meanwhile.run();
            long now = total(ProcessCpu.snapshot(services));
            if (now - previous < QUIET_MILLIS_PER_SECOND) {
                return;
            }
            previous = now;
        }
        log("the stack did not come back to idle within a minute");
    }

    private static long total(Map<Long, Long> millis) {
        return millis.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * What the connections cost every process of the stack, from the first connect until every socket was greeted
     * and settled: the node is only part of it, and on a shared machine the rest takes CPU from the node.
     */
    private String stackCpu(List<ProcessCpu.Watched> stack, Map<Long, Long> before, long windowNanos) {
        if (watchPids.isEmpty()) {
            return "";
        }
        Map<Long, Long> after = ProcessCpu.snapshot(stack);
        long held = Math.max(1, established.sum());
        StringBuilder text = new StringBuilder("\n### CPU of the stack while opening, greeting and settling (")
                .append(String.format(Locale.ROOT, "%.1f s", windowNanos / 1e9)).append(")\n\n")
                .append("| process | CPU ms | ms per connection |\n|---|---|---|\n");
        long total = 0;
        for (ProcessCpu.Watched process : stack) {
            long used = after.getOrDefault(process.pid(), 0L) - before.getOrDefault(process.pid(), 0L);
            total += used;
            text.append(String.format(Locale.ROOT, "| %s | %,d | %.2f |%n", process.name(), used, used / (double) held));
        }
        text.append(String.format(Locale.ROOT, "| **all** | %,d | **%.2f** |%n", total, total / (double) held));
        return text.toString();
    }

    /**
     * The message benchmark, on this node, while every socket stays open and keeps its heartbeats: whether delivery
     * stays fast with the node full. Its report follows this one, a heading level down.
     */
    private String messagesWhileHeld(RawSockets sockets) throws Exception {
        log("messages at " + messageRate + "/s for " + messageDurationSeconds + " s, every socket held");
        Path report = Files.createTempFile("connections-messages-", ".md");
        List<String> arguments = new ArrayList<>(List.of("--url", messageUrl, "--connect", "direct", "--node-url",
                nodeUrl.toString(), "--rate", String.valueOf(messageRate), "--duration",
                String.valueOf(messageDurationSeconds), "--warmup", "5", "--out", report.toString()));
        for (String pid : watchPids.isEmpty() ? List.of(String.valueOf(node.pid())) : watchPids) {
            arguments.addAll(List.of("--watch-pid", pid));
        }
        try (ExecutorService runner = Executors.newSingleThreadExecutor()) {
            Future<Integer> exit = runner.submit(() -> MessageBenchmark.main(arguments.toArray(String[]::new)));
            while (!exit.isDone()) {
                Thread.sleep(1000);
                keepAlive(sockets);
            }
            String text = Files.exists(report) ? Files.readString(report) : "";
            Files.deleteIfExists(report);
            return "\n## Messages at " + messageRate + " msg/s with the connections held (exit " + exit.get() + ")\n\n"
                    + text.replaceAll("(?m)^#", "##");
        }
    }

    /** A heartbeat on each open socket whose last one is {@link #HEARTBEAT_EVERY_NANOS} old, on the selector thread. */
    private void keepAlive(RawSockets sockets) {
        sockets.expireHandshakes(GREETING_TIMEOUT_NANOS);
        sockets.onSelectorThread(() -> {
            long now = System.nanoTime();
            synchronized (open) {
                for (RawSockets.Client client : open) {
                    if (client.framesSeen == 0 && now - client.startedNanos > GREETING_TIMEOUT_NANOS
                            && !resolved.contains(client.index)) {
                        failures.computeIfAbsent("upgraded, but no connection_established within 30 s",
                                k -> new AtomicInteger()).incrementAndGet();
                        new Counting().resolve(client);
                    }
                    if (client.open() && now - client.lastHeartbeatNanos > HEARTBEAT_EVERY_NANOS) {
                        client.lastHeartbeatNanos = now;
                        sockets.heartbeat(client);
                    }
                }
            }
        });
    }

    private int closedCount() {
        return closedWhileOpening.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private int countOpen(RawSockets sockets) throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        sockets.onSelectorThread(() -> {
            synchronized (open) {
                count.set((int) open.stream().filter(RawSockets.Client::open).count());
            }
            done.countDown();
        });
        done.await(10, TimeUnit.SECONDS);
        return count.get();
    }

    private String progress(int attempted) {
        return String.format(Locale.ROOT, "%d attempted, %d established, %d greeted, %d refused, %d failed, "
                        + "node RSS %d MiB, %d files", attempted, established.sum(), greeted.sum(),
                refusals.values().stream().mapToInt(AtomicInteger::get).sum(),
                failures.values().stream().mapToInt(AtomicInteger::get).sum(),
                node.rssBytes() >> 20, node.openFiles());
    }

    /** Logs {@code users} fresh accounts in (the same mobiles within a minute) and returns their tokens. */
    static List<String> logIn(Rest login, int users) throws Exception {
        String stamp = String.format("%04d", (System.currentTimeMillis() / 60_000) % 10_000);
        log("logging in " + users + " users at " + "session-service");
        try (ExecutorService pool = Executors.newFixedThreadPool(LOGIN_CONCURRENCY)) {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String mobile = "15" + stamp + String.format("%05d", i);
                tokens.add(pool.submit(() -> {
                    JsonNode data = login.post("/api/v2/auth/login", null,
                            Map.of("mobile", mobile, "verificationCode", "123456")).path("data");
                    return data.path("token").asString();
                }));
            }
            List<String> result = new ArrayList<>();
            for (Future<String> token : tokens) {
                result.add(token.get());
            }
            return result;
        }
    }

    /** Counts outcomes; runs on the selector thread. */
    private final class Counting implements RawSockets.Events {

        @Override
        public void upgraded(RawSockets.Client client, long nanos) {
            upgraded.increment();
            client.lastHeartbeatNanos = nanos;
            open.add(client);
        }

        @Override
        public void refused(RawSockets.Client client, int status, String retryAfter, String body, long nanos) {
            String key = refusal(status, retryAfter, body);
            refusals.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            resolve(client);
        }

        @Override
        public void failed(RawSockets.Client client, String why, long nanos) {
            failures.computeIfAbsent(why, k -> new AtomicInteger()).incrementAndGet();
            resolve(client);
        }

        @Override
        public void frame(RawSockets.Client client, String type, long nanos) {
            if (client.framesSeen == 0) {
                if ("connection_established".equals(type) || client.compressed) {
                    established.increment();
                    toEstablished.recordValue(Math.min(nanos - client.startedNanos, toEstablished.getHighestTrackableValue()));
                    lastEstablishedNanos.accumulateAndGet(nanos, Math::max);
                }
                resolve(client);
            } else if (client.framesSeen == 1) {
                secondFrames.computeIfAbsent(type, k -> new AtomicInteger()).incrementAndGet();
                greeted.increment();
                toGreeted.recordValue(Math.min(nanos - client.startedNanos, toGreeted.getHighestTrackableValue()));
            }
            client.framesSeen++;
        }

        @Override
        public void closed(RawSockets.Client client, int code, long nanos) {
            (holding ? closedWhileHeld : closedWhileOpening).computeIfAbsent(code, k -> new AtomicInteger())
                    .incrementAndGet();
            resolve(client);
        }

        private void resolve(RawSockets.Client client) {
            lastOutcomeNanos = System.nanoTime();
            if (resolved.add(client.index)) {
                window.release();
            }
        }
    }

    private String report(NodeProbe.Snapshot before, NodeProbe.Snapshot after, String nmtDiff, long peakRss,
                          int heldAtEnd, long openedNanos, long cpuOpeningMillis) {
        long held = established.sum();
        double seconds = openedNanos / 1e9;
        StringBuilder text = new StringBuilder();
        text.append("## Connections: ").append(String.format(Locale.ROOT, "%,d", connections))
                .append(" idle sockets to one node (").append(LocalDate.now()).append(")\n\n");
        text.append("Straight to ").append(nodeUrl).append(path).append(", ").append(users)
                .append(" accounts, at most ").append(inFlight).append(" handshakes in flight; every socket sends a ")
                .append("heartbeat frame every ").append(TimeUnit.NANOSECONDS.toSeconds(HEARTBEAT_EVERY_NANOS))
                .append(" s and answers pings")
                .append(offerDeflate ? "; the handshake offers permessage-deflate, as browsers' do" : "")
                .append(". Heap is live heap after a full GC (`jcmd GC.class_histogram`); RSS is ")
                .append("`VmRSS`. Machine: ").append(Machine.describe()).append(".\n");
        String jvm = ProcessCpu.jvmOptionsOf(node.pid());
        text.append("Node JVM options: `").append(jvm.isEmpty() ? "(none)" : jvm).append("`.\n");
        notes.forEach(note -> text.append(note).append('\n'));
        text.append('\n');
        text.append("| figure | value |\n|---|---|\n");
        row(text, "connections attempted", fmt(attempted));
        row(text, "connections established (`connection_established` received)", fmt(held));
        row(text, "still open after holding " + holdSeconds + " s", fmt(heldAtEnd));
        row(text, "refused at the handshake", refusals.isEmpty() ? "0" : describe(refusals));
        row(text, "failed (no HTTP answer)", failures.isEmpty() ? "0" : describe(failures));
        row(text, "closed by the node while opening / while held",
                (closedWhileOpening.isEmpty() ? "0" : describe(closedWhileOpening)) + " / "
                        + (closedWhileHeld.isEmpty() ? "0" : describe(closedWhileHeld)));
        row(text, "handshakes/s (established ÷ first connect → last `connection_established`)",
                String.format(Locale.ROOT, "%,.0f (%.1f s)", held / Math.max(seconds, 1e-9), seconds));
        row(text, "connect → `connection_established` p50 / p99 / max (ms)", millis(toEstablished));
        row(text, "connect → second frame p50 / p99 / max (ms)", millis(toGreeted));
        row(text, "second frame", secondFrames.isEmpty() ? "—" : describe(secondFrames));
        row(text, "sockets greeted (second frame) when measured", fmt(greetedBeforeMeasuring));
        row(text, "node CPU while opening (ms per handshake)",
                String.format(Locale.ROOT, "%,d ms (%.2f)", cpuOpeningMillis, cpuOpeningMillis / Math.max(1.0, held)));
        row(text, "node RSS before → after (peak)", mib(before.rssBytes()) + " → " + mib(after.rssBytes()) + " ("
                + mib(peakRss) + ")");
        row(text, "**RSS growth per connection**", perConnection(after.rssBytes() - before.rssBytes(), held));
        row(text, "node live heap before → after", mib(before.liveHeapBytes()) + " → " + mib(after.liveHeapBytes()));
        row(text, "**live heap per connection**", perConnection(after.liveHeapBytes() - before.liveHeapBytes(), held));
        row(text, "live objects per connection", held == 0 ? "—" : String.format(Locale.ROOT, "%.1f",
                (after.liveObjects() - before.liveObjects()) / (double) held));
        if (before.nmtCommittedKb() != null && after.nmtCommittedKb() != null) {
            row(text, "NMT committed growth per connection",
                    perConnection((after.nmtCommittedKb() - before.nmtCommittedKb()) * 1024, held));
        }
        row(text, "node open files before → after", before.openFiles() + " → " + after.openFiles());
        text.append("\nHeap histogram after (top classes by bytes):\n\n```\n");
        after.histogram().forEach(line -> text.append(line).append('\n'));
        text.append("```\n");
        if (!nmtDiff.isEmpty()) {
            text.append("\nNative memory, committed change since the baseline:\n\n```\n").append(nmtDiff)
                    .append("```\n");
        }
        return text.toString();
    }

    static void row(StringBuilder text, String name, String value) {
        text.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    /** A refusal as the reports count it: status / the envelope's code ("?" when none) / Retry-After. */
    static String refusal(int status, String retryAfter, String body) {
        String code = body.replaceAll("(?s).*\"code\"\\s*:\\s*(\\d+).*", "$1");
        return status + " / " + (code.length() <= 5 ? code : "?") + " / Retry-After "
                + (retryAfter == null ? "absent" : retryAfter);
    }

    static String describe(Map<?, AtomicInteger> counts) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(counts.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                entry -> String.valueOf(entry.getKey()), entry -> entry.getValue().get())))
                .forEach((key, count) -> text.append(text.isEmpty() ? "" : "; ").append(fmt(count)).append(" × ")
                        .append(key));
        return text.toString();
    }

    static String millis(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6);
    }

    private static String perConnection(long bytes, long connections) {
        return connections == 0 ? "—" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0 / connections);
    }

    static String mib(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    static String fmt(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static void log(String message) {
        System.err.println("[connections] " + message);
    }
}
