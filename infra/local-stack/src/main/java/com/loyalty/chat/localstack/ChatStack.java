package com.loyalty.chat.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole backend on one machine: a {@link LocalStack} and every service as its own {@code java -jar} process, as
 * {@code ./run} and the end-to-end tests use it. Closing it, or the JVM's exit, stops the services first and then the
 * database and broker they use.
 */
public final class ChatStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatStack.class);

    static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";
    /**
     * A realtime node's heap is mostly its connections, which live as long as they are open (old generation): a larger
     * heap than the other services' and a young generation sized for the garbage of handshakes and frames, not a third
     * of the heap. And C2 after all: once warm, it spent 0.58 times C1's CPU per handshake (its {@code BigInteger}
     * intrinsics make the RS256 check cheap). Added to the default options (or to CHAT_JVM_OPTS that keeps them and adds
     * flags, such as native memory tracking); options that choose their own heap replace them. See
     * realtime-service/README.md.
     */
    static final List<String> REALTIME_NODE_OPTIONS = List.of("-Xmx512m", "-Xmn64m", "-XX:TieredStopAtLevel=4");

    /** Five or more JVMs starting at once on two cores can take minutes. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final ChatStackOptions options;
    private final LocalStack localStack;
    private final Map<String, Integer> portsByName = new LinkedHashMap<>();
    private final List<URI> realtimeNodeUrls;
    private final Map<String, String> environment;
    private final ReadinessProbe readinessProbe = new ReadinessProbe();
    private final List<ServiceProcess> processes = new CopyOnWriteArrayList<>();
    /** How each service was launched, so one can be launched again after {@link #kill}. */
    private final Map<String, Launch> launches = new ConcurrentHashMap<>();
    /** Processes ended on purpose, whose exit is not news. */
    private final Set<ServiceProcess> stoppedOnPurpose = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "chat-stack-shutdown");

    private ChatStack(ChatStackOptions options, ServicePorts ports, LocalStack localStack) {
        this.options = options;
        this.localStack = localStack;
        portsByName.put(ServiceJars.SESSION, ports.session());
        portsByName.put(ServiceJars.MESSAGE, ports.message());
        portsByName.put(ServiceJars.STATS, ports.stats());
        for (int node = 0; node < ports.realtimeNodes().size(); node++) {
            portsByName.put(realtimeNodeName(node), ports.realtimeNodes().get(node));
        }
        portsByName.put(ServiceJars.GATEWAY, ports.gateway());
        this.realtimeNodeUrls = ports.realtimeNodes().stream().map(ChatStack::url).toList();
        this.environment = environment(ports, localStack);
    }

    /** Starts everything and returns once every service is ready; on failure stops what it started. */
    public static ChatStack start(ChatStackOptions options) {
        ServicePorts ports = options.freePorts()
                ? ServicePorts.free(options.realtimeNodes())
                : ServicePorts.defaults(options.realtimeNodes());
        ports.requireFree();
        ServiceJars.requireBuilt(options.projectRoot());

        ChatStack stack = new ChatStack(options, ports, LocalStack.startOwned(options.localStackOptions()));
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.startServices();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    public URI gatewayUrl() {
        return serviceUrl(ServiceJars.GATEWAY);
    }

    /** Each realtime node's own address, in node order (realtime-1 first). */
    public List<URI> realtimeNodeUrls() {
        return realtimeNodeUrls;
    }

    /**
     * The address of a service process: {@code session-service}, {@code message-service}, {@code stats-service},
     * {@code gateway-service}, or a realtime node {@code realtime-1}, {@code realtime-2}, …
     */
    public URI serviceUrl(String name) {
        Integer port = portsByName.get(name);
        if (port == null) {
            throw new IllegalArgumentException("No service named " + name + "; there are " + portsByName.keySet());
        }
        return url(port);
    }

    /** Tokens that every service accepts, signed with the key session-service signs with. */
    public LocalTokens tokens() {
        return localStack.tokens();
    }

    public LocalStack localStack() {
        return localStack;
    }

    public Path logDirectory() {
        return options.logDirectory();
    }

    /** Stops every service (SIGTERM, then SIGKILL after 15 s), then the database and the broker. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // This is the hook running.
        }
        processes.forEach(ServiceProcess::requestStop);
        Instant deadline = Instant.now().plus(STOP_GRACE);
        for (ServiceProcess process : processes) {
            if (!process.awaitExit(deadline)) {
                log.warn("{} did not stop within {} s; killing it", process.name(), STOP_GRACE.toSeconds());
                process.kill();
                process.awaitExit(Instant.now().plus(KILL_WAIT));
            }
        }
        localStack.close();
    }

    /**
     * Ends a service at once (SIGKILL), as a crash or a lost machine would: no goodbye, no graceful shutdown.
     * {@link #restart} brings it back on the same port.
     */
    public void kill(String name) {
        ServiceProcess process = running(name);
        stoppedOnPurpose.add(process);
        process.kill();
        process.awaitExit(Instant.now().plus(KILL_WAIT));
        processes.remove(process);
    }

    /** Starts a service that was {@link #kill}ed again, on the same port, and returns once it is ready. */
    public void restart(String name) {
        Launch launch = launches.get(name);
        if (launch == null) {
            throw new IllegalArgumentException("No service named " + name + "; there are " + launches.keySet());
        }
        if (processes.stream().anyMatch(process -> process.name().equals(name))) {
            throw new IllegalStateException(name + " is running; kill it first");
        }
        awaitReady(List.of(launch(launch.name(), launch.module(), launch.ownEnvironment())),
                Instant.now().plus(STARTUP_TIMEOUT));
    }

    private ServiceProcess running(String name) {
        return processes.stream().filter(process -> process.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not running"));
    }

    private void startServices() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        // The issuer first: the others fetch its JWK set to validate tokens.
        awaitReady(List.of(launch(ServiceJars.SESSION, ServiceJars.SESSION, Map.of())), deadline);

        List<ServiceProcess> others = new ArrayList<>();
        others.add(launch(ServiceJars.MESSAGE, ServiceJars.MESSAGE, Map.of()));
        others.add(launch(ServiceJars.STATS, ServiceJars.STATS, Map.of()));
        for (int node = 0; node < realtimeNodeUrls.size(); node++) {
            String name = realtimeNodeName(node);
            others.add(launch(name, ServiceJars.REALTIME, Map.of("CHAT_NODE_ID", name)));
        }
        others.add(launch(ServiceJars.GATEWAY, ServiceJars.GATEWAY, Map.of()));
        awaitReady(others, deadline);
    }

    private ServiceProcess launch(String name, String module, Map<String, String> ownEnvironment) {
        launches.put(name, new Launch(name, module, ownEnvironment));
        int port = portsByName.get(name);
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        // A JVM out of memory may lose a thread that matters (a realtime node's poller) and keep running as a zombie:
        // exit instead, so whoever supervises the process restarts it. First, so CHAT_JVM_OPTS can still turn it off.
        command.add(EXIT_ON_OUT_OF_MEMORY);
        command.addAll(options.jvmOptions());
        if (module.equals(ServiceJars.REALTIME)
                && options.jvmOptions().containsAll(ChatStackOptions.DEFAULT_JVM_OPTIONS)) {
            command.addAll(REALTIME_NODE_OPTIONS);
        }
        command.add("-jar");
        command.add(ServiceJars.of(options.projectRoot(), module).toString());
        Map<String, String> processEnvironment = new LinkedHashMap<>(environment);
        processEnvironment.put("SERVER_PORT", String.valueOf(port));
        // A stable name across restarts lets a service be a static member of its consumer groups: a restarted process
        // takes its predecessor's partitions back at once instead of waiting out the dead session.
        processEnvironment.put("CHAT_INSTANCE_ID", name);
        processEnvironment.putAll(ownEnvironment);

        ServiceProcess process = ServiceProcess.launch(name, port, command, processEnvironment,
                options.projectRoot(), options.logDirectory().resolve(name + ".log"));
        processes.add(process);
        if (closed.get()) {
            // close() began (Ctrl-C during start-up) and may have missed this process.
            process.kill();
            throw new IllegalStateException("The stack was stopped while " + name + " was being started");
        }
        process.onExit().thenAccept(exited -> {
            if (!closed.get() && !stoppedOnPurpose.contains(process)) {
                log.error("{} exited with code {}; see {}", name, exited.exitValue(), process.logFile());
            }
        });
        log.info("Starting {} on port {} (log: {})", name, port, process.logFile());
        return process;
    }

    /** Waits for all at once, so the first to die or time out is reported at once, whichever it is. */
    private void awaitReady(List<ServiceProcess> starting, Instant deadline) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            CompletionService<ServiceProcess> readiness = new ExecutorCompletionService<>(executor);
            for (ServiceProcess process : starting) {
                readiness.submit(() -> {
                    process.awaitReady(readinessProbe, deadline);
                    return process;
                });
            }
            for (int i = 0; i < starting.size(); i++) {
                ServiceProcess ready = readiness.take().get();
                log.info("{} is ready on {}", ready.name(), url(ready.port()));
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the services were starting", e);
        } finally {
            // Interrupts the waits still running, e.g. for the others when one service died.
            executor.shutdownNow();
            executor.close();
        }
    }

    private Map<String, String> environment(ServicePorts ports, LocalStack stack) {
        Map<String, String> variables = new LinkedHashMap<>(stack.connectionEnvironment());
        variables.put("CHAT_JWK_SET_URI", url(ports.session()) + JwkSetServer.PATH);
        variables.put("CHAT_SESSION_SERVICE_URL", url(ports.session()).toString());
        variables.put("CHAT_MESSAGE_SERVICE_URL", url(ports.message()).toString());
        variables.put("CHAT_STATS_SERVICE_URL", url(ports.stats()).toString());
        variables.put("CHAT_REALTIME_NODES", String.join(",",
                realtimeNodeUrls.stream().map(URI::toString).toList()));
        // Seeds the demo accounts and accepts the fixed SMS code.
        variables.put("SPRING_PROFILES_ACTIVE", "dev");
        variables.putAll(options.environment());
        return variables;
    }

    private static String realtimeNodeName(int node) {
        return "realtime-" + (node + 1);
    }

    private static URI url(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The services run on the same Java as this launcher, which ./run made sure is recent enough. */
    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private record Launch(String name, String module, Map<String, String> ownEnvironment) {
    }
}
