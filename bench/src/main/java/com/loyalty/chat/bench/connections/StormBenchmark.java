package com.loyalty.chat.bench.connections;

import static com.loyalty.chat.bench.connections.ConnectionBenchmark.describe;
import static com.loyalty.chat.bench.connections.ConnectionBenchmark.fmt;
import static com.loyalty.chat.bench.connections.ConnectionBenchmark.mib;
import static com.loyalty.chat.bench.connections.ConnectionBenchmark.millis;
import static com.loyalty.chat.bench.connections.ConnectionBenchmark.refusal;
import static com.loyalty.chat.bench.connections.ConnectionBenchmark.row;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;

import com.loyalty.chat.bench.Args;
import com.loyalty.chat.bench.Rest;
import com.loyalty.chat.bench.system.Machine;
import com.loyalty.chat.bench.system.ProcessCpu;

/**
 * A connection storm: {@code --connections} idle authenticated sockets through the gateway, spread by it over two
 * realtime nodes; then the second node is killed (SIGKILL: no goodbye), and every client whose socket went with it
 * reconnects at once through the gateway, as a mobile client does ({@link ReconnectPolicy}). Reports what was lost,
 * how long until every lost client was served again (its {@code connection_established}, then its
 * {@code offline_messages}), every refusal, every failure that was not a clean 503 with {@code Retry-After}, whether
 * any client of the surviving node was closed, and what the survivor holds afterwards.
 */
public final class StormBenchmark {

    static final String USAGE = """
            Usage: java -jar bench-exec.jar storm [options]
              --gateway-url URL    where the sockets go (default http://127.0.0.1:3000)
              --login-url URL      where users log in (default http://127.0.0.1:8081, session-service)
              --survivor-pid PID   the realtime node that stays (required): memory, CPU
              --victim-pid PID     the realtime node that is killed with SIGKILL (required)
              --gateway-pid PID    the gateway, for its memory and CPU (optional)
              --connections N      sockets to open (default 6000)
              --users N            accounts the sockets are spread over (default min(N, 1000))
              --in-flight N        handshakes at once while opening (default 200; the storm has no limit)
              --hold S             seconds to keep every socket once all lost ones are back (default 10)
              --storm-timeout S    give the lost clients at most this long to be served again (default 180)
              --handshake-timeout S a reconnecting client gives up on a handshake without an answer after S s and
                                   tries again after a backoff (default 30; counted as not clean)
              --out FILE           also write the Markdown report there
              --note TEXT          a line for the report (repeatable)
            """;

    private static final String PATH = "/ws";
    private static final long HEARTBEAT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(45);
    private static final long OPENING_WAIT_NANOS = TimeUnit.SECONDS.toNanos(180);
    private static final int UNCLEAN_SAMPLES = 20;

    private enum Phase { OPENING, HELD, STORM }

    private final URI gatewayUrl;
    private final Rest login;
    private final NodeProbe survivor;
    private final long victimPid;
    private final NodeProbe gateway;
    private final int connections;
    private final int users;
    private final int inFlight;
    private final int holdSeconds;
    private final int stormTimeoutSeconds;
    /** A handshake without any answer by then is a failure (the gateway gives each node 20 s). */
    private final long handshakeTimeoutNanos;
    private final String out;
    private final List<String> notes;
    private final ReconnectPolicy policy = ReconnectPolicy.MOBILE;

    private volatile Phase phase = Phase.OPENING;
    private volatile long killNanos;
    private volatile String victimNode = "";
    private List<String> tokens = List.of();
    private final Semaphore window;

    // Per client (by index), written on the selector thread; the driver reads them there or after the sockets closed.
    private final RawSockets.Client[] current;
    private final String[] firstNode;
    private final long[] lostAt;
    private final int[] attempts;
    private final int[] failedInRow;
    private final long[] backAt;
    private final long[] greetedAgainAt;
    private final String[] nodeAfter;
    private final boolean[] resolved;

    // Counted on the selector thread, read by the driver for progress and for when to stop.
    private final LongAdder resolvedCount = new LongAdder();
    private final LongAdder established = new LongAdder();
    private final LongAdder greeted = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder lostFromVictim = new LongAdder();
    private final Map<Integer, AtomicInteger> victimCloseCodes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> survivorClosed = new ConcurrentHashMap<>();
    private final LongAdder back = new LongAdder();
    private final LongAdder greetedAgain = new LongAdder();
    private final Map<String, AtomicInteger> openingRefusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> openingFailures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> closedBeforeKill = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> stormRefusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> unclean = new ConcurrentHashMap<>();
    private final List<String> uncleanSamples = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, AtomicInteger> closedAgain = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> secondFramesAfter = new ConcurrentHashMap<>();
    private final LongAdder stormHandshakes = new LongAdder();

    private StormBenchmark(Args args) {
        this.gatewayUrl = URI.create(args.string("--gateway-url", "http://127.0.0.1:3000"));
        this.login = new Rest(URI.create(args.string("--login-url", "http://127.0.0.1:8081")));
        this.survivor = new NodeProbe(CommandLine.requiredPid(args, "--survivor-pid"));
        this.victimPid = CommandLine.requiredPid(args, "--victim-pid");
        String gatewayPid = args.string("--gateway-pid", null);
        this.gateway = gatewayPid == null ? null : new NodeProbe(Long.parseLong(gatewayPid));
        this.connections = args.integer("--connections", 6000);
        this.users = args.integer("--users", Math.min(connections, 1000));
        this.inFlight = args.integer("--in-flight", 200);
        this.holdSeconds = args.integer("--hold", 10);
        this.stormTimeoutSeconds = args.integer("--storm-timeout", 180);
        this.handshakeTimeoutNanos = TimeUnit.SECONDS.toNanos(args.integer("--handshake-timeout", 30));
        this.out = args.string("--out", null);
        this.notes = args.all("--note");
        this.window = new Semaphore(inFlight);
        this.current = new RawSockets.Client[connections];
        this.firstNode = new String[connections];
        this.lostAt = new long[connections];
        this.attempts = new int[connections];
        this.failedInRow = new int[connections];
        this.backAt = new long[connections];
        this.greetedAgainAt = new long[connections];
        this.nodeAfter = new String[connections];
        this.resolved = new boolean[connections];
    }

    public static int main(String[] arguments) throws Exception {
        return CommandLine.run(arguments, USAGE,
                Set.of("--gateway-url", "--login-url", "--survivor-pid", "--victim-pid", "--gateway-pid",
                        "--connections", "--users", "--in-flight", "--hold", "--storm-timeout", "--handshake-timeout",
                        "--out", "--note"),
                Set.of(), args -> new StormBenchmark(args)::run);
    }

    private int run() throws Exception {
        tokens = ConnectionBenchmark.logIn(login, users);
        Map<String, Long> byNodeBefore;
        NodeProbe.Snapshot survivorBefore;
        NodeProbe.Snapshot survivorAfter;
        long gatewayRssBefore;
        long gatewayRssAfter;
        long survivorCpu;
        long gatewayCpu;
        long peakRss;
        long stormNanos;
        Map<String, Long> openAtEnd;
        int attempted;
        long onVictim;
        Events events = new Events();
        try (RawSockets sockets = new RawSockets(gatewayUrl, events, false)) {
            events.sockets = sockets;
            attempted = open(sockets);
            log("opened: " + progress());
            byNodeBefore = onSelector(sockets, () -> countByNode(firstNode));
            log("greeted by node: " + byNodeBefore);
            victimNode = nodeIdOf(victimPid);
            onVictim = byNodeBefore.getOrDefault(victimNode, 0L);
            if (onVictim == 0) {
                log("no client landed on the victim (" + victimNode + "): nothing to measure");
                return 1;
            }
            phase = Phase.HELD;
            log("baseline: full GC and heap histogram of the survivor (pid " + survivor.pid() + ")");
            survivorBefore = survivor.snapshot(0);
            gatewayRssBefore = gateway == null ? -1 : gateway.rssBytes();
            long survivorCpuBefore = ProcessCpu.cpuMillis(survivor.pid()).orElse(0);
            long gatewayCpuBefore = gateway == null ? 0 : ProcessCpu.cpuMillis(gateway.pid()).orElse(0);

            log("SIGKILL to the victim (pid " + victimPid + ", " + fmt(onVictim) + " clients)");
            killNanos = System.nanoTime();
            phase = Phase.STORM;
            ProcessHandle.of(victimPid).ifPresent(ProcessHandle::destroyForcibly);
            peakRss = survivor.rssBytes();
            long deadline = killNanos + TimeUnit.SECONDS.toNanos(stormTimeoutSeconds);
            long lastProgress = killNanos;
            while (System.nanoTime() < deadline
                    && !(lostFromVictim.sum() >= onVictim && back.sum() == lost.sum() && greetedAgain.sum() == lost.sum())) {
                Thread.sleep(100);
                keepAlive(sockets);
                peakRss = Math.max(peakRss, survivor.rssBytes());
                if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(5)) {
                    lastProgress = System.nanoTime();
                    log(progress());
                }
            }
            stormNanos = System.nanoTime() - killNanos;
            survivorCpu = ProcessCpu.cpuMillis(survivor.pid()).orElse(survivorCpuBefore) - survivorCpuBefore;
            gatewayCpu = gateway == null ? 0 : ProcessCpu.cpuMillis(gateway.pid()).orElse(0) - gatewayCpuBefore;
            log("storm over after " + stormNanos / 1_000_000 + " ms: " + progress() + "; holding " + holdSeconds
                    + " s");
            long holdUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(holdSeconds);
            while (System.nanoTime() < holdUntil) {
                Thread.sleep(1000);
                keepAlive(sockets);
                peakRss = Math.max(peakRss, survivor.rssBytes());
            }
            openAtEnd = onSelector(sockets, this::openByNode);
            log("measuring: full GC and heap histogram of the survivor");
            survivorAfter = survivor.snapshot(0);
            peakRss = Math.max(peakRss, survivorAfter.rssBytes());
            gatewayRssAfter = gateway == null ? -1 : gateway.rssBytes();
            log("still open by node: " + openAtEnd + "; dropping every socket");
        }
        // The selector thread has ended: what it wrote is all there to read.
        String report = report(attempted, byNodeBefore, onVictim, survivorBefore, survivorAfter, peakRss,
                gatewayRssBefore, gatewayRssAfter, survivorCpu, gatewayCpu, stormNanos, openAtEnd);
        System.out.println(report);
        if (out != null) {
            Files.writeString(Path.of(out), report);
            log("written to " + out);
        }
        boolean clean = unclean.isEmpty() && healthyLost() == 0 && back.sum() == lost.sum()
                && greetedAgain.sum() == lost.sum() && lostFromVictim.sum() >= onVictim;
        return clean ? 0 : 1;
    }

    /** Opens every socket, at most {@link #inFlight} handshakes at a time, and waits until each was greeted. */
    private int open(RawSockets sockets) throws InterruptedException {
        log("opening " + connections + " connections through " + gatewayUrl + PATH + ", " + inFlight + " in flight");
        long lastProgress = System.nanoTime();
        int attempted = 0;
        for (int i = 0; i < connections; i++) {
            while (!window.tryAcquire(1, TimeUnit.SECONDS)) {
                keepAlive(sockets);
            }
            sockets.connect(i, pathFor(i));
            attempted = i + 1;
            if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(5)) {
                lastProgress = System.nanoTime();
                keepAlive(sockets);
                log(attempted + " attempted, " + progress());
            }
        }
        long deadline = System.nanoTime() + OPENING_WAIT_NANOS;
        while ((resolvedCount.sum() < attempted || greeted.sum() < established.sum())
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            keepAlive(sockets);
        }
        return attempted;
    }

    private String pathFor(int index) {
        return PATH + "?token=" + URLEncoder.encode(tokens.get(index % tokens.size()), StandardCharsets.UTF_8);
    }

    /** A node's {@code CHAT_NODE_ID}, from its environment (the stack names each node so, as it says it). */
    private static String nodeIdOf(long pid) {
        try {
            String environment = Files.readString(Path.of("/proc", String.valueOf(pid), "environ"),
                    StandardCharsets.ISO_8859_1);
            for (String variable : environment.split("\0")) {
                if (variable.startsWith("CHAT_NODE_ID=")) {
                    return variable.substring("CHAT_NODE_ID=".length());
                }
            }
        } catch (java.io.IOException e) {
            // Reported as unknown.
        }
        return "?";
    }

    private long healthyLost() {
        long count = 0;
        for (int i = 0; i < connections; i++) {
            if (lostAt[i] != 0 && firstNode[i] != null && !firstNode[i].equals(victimNode)) {
                count++;
            }
        }
        return count;
    }

    private static Map<String, Long> countByNode(String[] nodes) {
        Map<String, Long> counts = new TreeMap<>();
        for (String node : nodes) {
            if (node != null) {
                counts.merge(node, 1L, Long::sum);
            }
        }
        return counts;
    }

    private Map<String, Long> openByNode() {
        Map<String, Long> counts = new TreeMap<>();
        for (RawSockets.Client client : current) {
            if (client != null && client.open()) {
                counts.merge(client.nodeId == null ? "?" : client.nodeId, 1L, Long::sum);
            }
        }
        return counts;
    }

    private static <T> T onSelector(RawSockets sockets, Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        sockets.onSelectorThread(() -> result.complete(work.get()));
        return result.get(30, TimeUnit.SECONDS);
    }

    /** Heartbeats for sockets that need one, and an end to handshakes that got no answer. */
    private void keepAlive(RawSockets sockets) {
        sockets.expireHandshakes(handshakeTimeoutNanos);
        sockets.onSelectorThread(() -> {
            long now = System.nanoTime();
            for (RawSockets.Client client : current) {
                if (client != null && client.open() && now - client.lastHeartbeatNanos > HEARTBEAT_EVERY_NANOS) {
                    client.lastHeartbeatNanos = now;
                    sockets.heartbeat(client);
                }
            }
        });
    }

    private String progress() {
        return String.format(Locale.ROOT, "%d established, %d greeted; lost %d, back %d, greeted again %d, "
                        + "%d storm handshakes, %d not clean; survivor RSS %d MiB", established.sum(), greeted.sum(),
                lost.sum(), back.sum(), greetedAgain.sum(), stormHandshakes.sum(),
                unclean.values().stream().mapToInt(AtomicInteger::get).sum(), survivor.rssBytes() >> 20);
    }

    /** What becomes of each client; runs on the selector thread. */
    private final class Events implements RawSockets.Events {

        private RawSockets sockets;

        @Override
        public void upgraded(RawSockets.Client client, long nanos) {
            client.lastHeartbeatNanos = nanos;
            current[client.index] = client;
        }

        @Override
        public void refused(RawSockets.Client client, int status, String retryAfter, String body, long nanos) {
            String key = refusal(status, retryAfter, body);
            int i = client.index;
            if (!reconnecting(i)) {
                count(openingRefusals, key);
                resolve(i);
                return;
            }
            count(stormRefusals, key);
            if (!ReconnectPolicy.cleanRefusal(status, retryAfter)) {
                notClean(i, "refused " + key, body);
            }
            failedInRow[i]++;
            retry(i, policy.afterRefusal(status, retryAfter, failedInRow[i], ThreadLocalRandom.current()));
        }

        @Override
        public void failed(RawSockets.Client client, String why, long nanos) {
            int i = client.index;
            if (!reconnecting(i)) {
                count(openingFailures, why);
                resolve(i);
                return;
            }
            notClean(i, "failed: " + why, "");
            failedInRow[i]++;
            retry(i, policy.afterFailure(failedInRow[i], ThreadLocalRandom.current()));
        }

        @Override
        public void frame(RawSockets.Client client, String type, long nanos) {
            int i = client.index;
            if (client.framesSeen == 0) {
                if (!"connection_established".equals(type)) {
                    notClean(i, "first frame " + type, "");
                } else if (reconnecting(i)) {
                    backAt[i] = nanos;
                    nodeAfter[i] = client.nodeId;
                    failedInRow[i] = 0;
                    back.increment();
                } else {
                    firstNode[i] = client.nodeId;
                    established.increment();
                    resolve(i);
                }
            } else if (client.framesSeen == 1) {
                if (reconnecting(i)) {
                    greetedAgainAt[i] = nanos;
                    count(secondFramesAfter, type);
                    greetedAgain.increment();
                } else {
                    greeted.increment();
                }
            }
            client.framesSeen++;
        }

        @Override
        public void closed(RawSockets.Client client, int code, long nanos) {
            int i = client.index;
            switch (phase) {
                case OPENING, HELD -> {
                    // Nothing should close these; which node, and how long after connecting, says what did.
                    long ageSeconds = (nanos - client.startedNanos) / 1_000_000_000;
                    count(closedBeforeKill, code + " from " + client.nodeId + ", " + ageSeconds / 10 * 10 + "–"
                            + (ageSeconds / 10 * 10 + 10) + " s after connecting");
                    resolve(i);
                }
                case STORM -> {
                    if (lostAt[i] == 0) {
                        lostAt[i] = nanos;
                        lost.increment();
                        if (victimNode.equals(firstNode[i])) {
                            lostFromVictim.increment();
                            count(victimCloseCodes, code);
                        } else {
                            // A healthy client: the kill should not have touched it. It reconnects like the others.
                            count(survivorClosed, code + (client.closeReason == null ? "" : " \"" + client.closeReason
                                    + "\"") + ", " + (nanos - killNanos) / 10_000_000_000L * 10 + "–"
                                    + ((nanos - killNanos) / 10_000_000_000L * 10 + 10) + " s after the kill");
                        }
                        retry(i, 0);
                    } else {
                        count(closedAgain, code);
                        if (backAt[i] != 0) {
                            backAt[i] = 0;
                            back.decrement();
                        }
                        if (greetedAgainAt[i] != 0) {
                            greetedAgainAt[i] = 0;
                            greetedAgain.decrement();
                        }
                        failedInRow[i]++;
                        retry(i, policy.afterFailure(failedInRow[i], ThreadLocalRandom.current()));
                    }
                }
            }
        }

        /** A client lost in the storm, now trying to be served again. */
        private boolean reconnecting(int index) {
            return phase == Phase.STORM && lostAt[index] != 0;
        }

        private void retry(int index, long delayNanos) {
            attempts[index]++;
            stormHandshakes.increment();
            sockets.connectLater(index, pathFor(index), delayNanos);
        }

        private void notClean(int index, String what, String body) {
            count(unclean, what);
            if (uncleanSamples.size() < UNCLEAN_SAMPLES) {
                uncleanSamples.add(String.format(Locale.ROOT, "client %d, %d ms after the kill: %s %s", index,
                        (System.nanoTime() - killNanos) / 1_000_000, what,
                        body.length() > 200 ? body.substring(0, 200) : body));
            }
        }

        private void resolve(int index) {
            if (!resolved[index]) {
                resolved[index] = true;
                resolvedCount.increment();
                window.release();
            }
        }
    }

    private static <K> void count(Map<K, AtomicInteger> counts, K key) {
        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private String report(int attempted, Map<String, Long> byNodeBefore, long onVictim,
                          NodeProbe.Snapshot before, NodeProbe.Snapshot after, long peakRss, long gatewayRssBefore,
                          long gatewayRssAfter, long survivorCpuMillis, long gatewayCpuMillis, long stormNanos,
                          Map<String, Long> openAtEnd) {
        Histogram noticed = histogram();
        Histogram killToBack = histogram();
        Histogram lossToBack = histogram();
        Histogram killToGreeted = histogram();
        Histogram tries = new Histogram(1_000_000, 3);
        long lastBack = 0;
        long lastGreeted = 0;
        Map<String, AtomicInteger> landedOn = new TreeMap<>();
        for (int i = 0; i < connections; i++) {
            if (lostAt[i] == 0) {
                continue;
            }
            noticed.recordValue(clamp(lostAt[i] - killNanos));
            tries.recordValue(attempts[i]);
            if (backAt[i] != 0) {
                killToBack.recordValue(clamp(backAt[i] - killNanos));
                lossToBack.recordValue(clamp(backAt[i] - lostAt[i]));
                lastBack = Math.max(lastBack, backAt[i] - killNanos);
                count(landedOn, String.valueOf(nodeAfter[i]));
            }
            if (greetedAgainAt[i] != 0) {
                killToGreeted.recordValue(clamp(greetedAgainAt[i] - killNanos));
                lastGreeted = Math.max(lastGreeted, greetedAgainAt[i] - killNanos);
            }
        }
        long healthyLost = healthyLost();
        long lostCount = lost.sum();
        StringBuilder text = new StringBuilder();
        text.append("## Connection storm: ").append(fmt(connections)).append(" sockets through the gateway, one of ")
                .append("two nodes killed (").append(LocalDate.now()).append(")\n\n");
        text.append("Every socket through ").append(gatewayUrl).append(PATH).append(", ").append(users)
                .append(" accounts, at most ").append(inFlight).append(" handshakes in flight while opening. Once ")
                .append("every socket was greeted, the node ").append(victimNode).append(" got SIGKILL at ")
                .append(Instant.now().minusNanos(System.nanoTime() - killNanos)).append("; each client whose ")
                .append("socket closed reconnected at once through the gateway, with no limit on handshakes in ")
                .append("flight; after a 503 it waited the `Retry-After` plus up to ")
                .append(TimeUnit.NANOSECONDS.toMillis(policy.jitterNanos())).append(" ms, after any other ")
                .append("failure ").append(TimeUnit.NANOSECONDS.toMillis(policy.backoffNanos()))
                .append(" ms doubling up to ").append(TimeUnit.NANOSECONDS.toMillis(policy.maxBackoffNanos()))
                .append(" ms (plus up to half again). Times count from the kill. Heap is live heap after a full GC; ")
                .append("RSS is `VmRSS`. Machine: ").append(Machine.describe()).append(".\n");
        String jvm = ProcessCpu.jvmOptionsOf(survivor.pid());
        text.append("Survivor JVM options: `").append(jvm.isEmpty() ? "(none)" : jvm).append("`.\n");
        notes.forEach(note -> text.append(note).append('\n'));
        text.append('\n');
        text.append("| figure | value |\n|---|---|\n");
        row(text, "connections attempted / established / greeted before the kill",
                fmt(attempted) + " / " + fmt(established.sum()) + " / " + fmt(greeted.sum()));
        row(text, "refused / failed while opening", (openingRefusals.isEmpty() ? "0" : describe(openingRefusals))
                + " / " + (openingFailures.isEmpty() ? "0" : describe(openingFailures)));
        row(text, "clients by node before the kill", byNode(byNodeBefore));
        row(text, "closed before the kill (code, node, age; not reconnected)",
                closedBeforeKill.isEmpty() ? "0" : describe(closedBeforeKill));
        row(text, "**lost by the kill** (clients of " + victimNode + " closed after it; close codes)",
                fmt(lostFromVictim.sum()) + " of " + fmt(onVictim) + " ("
                        + (victimCloseCodes.isEmpty() ? "—" : describe(victimCloseCodes)) + ")");
        row(text, "**clients of the survivor closed** (must be 0; code, reason, when; they reconnect too)",
                healthyLost == 0 ? "0" : fmt(healthyLost) + ": " + describe(survivorClosed));
        row(text, "kill → close seen by the client p50 / p99 / max (ms)", millis(noticed));
        row(text, "**closed clients established again** (`connection_established`)",
                fmt(back.sum()) + " of " + fmt(lostCount) + "; on " + (landedOn.isEmpty() ? "—" : describe(landedOn)));
        row(text, "**kill → established again**, per client p50 / p99 / max (ms)", millis(killToBack));
        row(text, "**kill → all established again** (ms)", back.sum() == lostCount && lostCount > 0
                ? String.format(Locale.ROOT, "%,.1f", lastBack / 1e6) : "not all (" + stormTimeoutSeconds + " s)");
        row(text, "close seen → established again p50 / p99 / max (ms)", millis(lossToBack));
        row(text, "kill → second frame again p50 / p99 / max (ms)", millis(killToGreeted));
        row(text, "kill → every lost client had its second frame (ms)", greetedAgain.sum() == lostCount
                && lostCount > 0 ? String.format(Locale.ROOT, "%,.1f", lastGreeted / 1e6) : "not all");
        row(text, "second frame after reconnecting", secondFramesAfter.isEmpty() ? "—" : describe(secondFramesAfter));
        row(text, "handshakes in the storm (per lost client p50 / max)", fmt(stormHandshakes.sum()) + " ("
                + (tries.getTotalCount() == 0 ? "—" : tries.getValueAtPercentile(50) + " / " + tries.getMaxValue())
                + ")");
        row(text, "refusals in the storm (status / code / Retry-After)",
                stormRefusals.isEmpty() ? "0" : describe(stormRefusals));
        row(text, "**not a clean 503 with Retry-After** (must be 0)", unclean.isEmpty() ? "0" : describe(unclean));
        row(text, "reconnected clients closed again", closedAgain.isEmpty() ? "0" : describe(closedAgain));
        row(text, "still open after holding " + holdSeconds + " s, by node", byNode(openAtEnd));
        row(text, "storm window (kill → all greeted again or timeout)",
                String.format(Locale.ROOT, "%,.1f s", stormNanos / 1e9));
        row(text, "survivor CPU in the storm window (ms per lost client)", String.format(Locale.ROOT,
                "%,d ms (%.2f)", survivorCpuMillis, survivorCpuMillis / Math.max(1.0, lostCount)));
        if (gateway != null) {
            row(text, "gateway CPU in the storm window (ms per lost client)", String.format(Locale.ROOT,
                    "%,d ms (%.2f)", gatewayCpuMillis, gatewayCpuMillis / Math.max(1.0, lostCount)));
            row(text, "gateway RSS before the kill → after", mib(gatewayRssBefore) + " → " + mib(gatewayRssAfter));
        }
        row(text, "survivor RSS before the kill → after (peak)", mib(before.rssBytes()) + " → "
                + mib(after.rssBytes()) + " (" + mib(peakRss) + ")");
        row(text, "survivor live heap before the kill → after", mib(before.liveHeapBytes()) + " → "
                + mib(after.liveHeapBytes()));
        row(text, "survivor open files before the kill → after", before.openFiles() + " → " + after.openFiles());
        if (!uncleanSamples.isEmpty()) {
            text.append("\nNot clean (first ").append(uncleanSamples.size()).append("):\n\n```\n");
            synchronized (uncleanSamples) {
                uncleanSamples.forEach(line -> text.append(line).append('\n'));
            }
            text.append("```\n");
        }
        return text.toString();
    }

    private static String byNode(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "—";
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((node, count) -> text.append(text.isEmpty() ? "" : ", ").append(node).append(' ')
                .append(fmt(count)));
        return text.toString();
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
    }

    private static long clamp(long nanos) {
        return Math.clamp(nanos, 0, TimeUnit.MINUTES.toNanos(10));
    }

    private static void log(String message) {
        System.err.println("[storm] " + message);
    }
}
