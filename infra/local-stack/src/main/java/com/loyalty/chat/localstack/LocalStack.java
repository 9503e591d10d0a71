package com.loyalty.chat.localstack;

import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server, a real single-node Kafka cluster, an RSA signing key and an HTTP endpoint publishing its JWK
 * set: what the services need around them, for tests and for {@code ./run}. Tests normally use {@link #shared()}.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private static final String DATABASE_HOST = "127.0.0.1";
    private static final String DATABASE_USER = "root";
    // Sub-directories of the data directory, one per part; throwaway data starts them empty and removes them on stop.
    private static final String KEY_DIRECTORY = "jwt";
    private static final String KEY_FILE = "private-key.pem";
    private static final String DATABASE_DIRECTORY = "mariadb";
    private static final String KAFKA_DIRECTORY = "kafka";

    /** A context that never closes (one that failed to start) must not hold the JVM's exit for long. */
    private static final Duration USERS_RELEASE_TIMEOUT = Duration.ofSeconds(15);

    private static final int FREE_PORT_ATTEMPTS = 3;

    private static LocalStack shared;

    private final LocalStackOptions options;
    private final EmbeddedMariaDb database;
    private final EmbeddedKafka kafka;
    private final JwkSetServer jwkSetServer;
    private final Path privateKeyFile;
    private final LocalTokens tokens;
    private final Lifecycle lifecycle;
    private final Thread shutdownHook = new Thread(this::stop, "local-stack-shutdown");
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Set<Object> users = new HashSet<>();

    private LocalStack(LocalStackOptions options, EmbeddedMariaDb database, EmbeddedKafka kafka,
            JwkSetServer jwkSetServer, Path privateKeyFile, LocalTokens tokens, Lifecycle lifecycle) {
        this.options = options;
        this.database = database;
        this.kafka = kafka;
        this.jwkSetServer = jwkSetServer;
        this.privateKeyFile = privateKeyFile;
        this.tokens = tokens;
        this.lifecycle = lifecycle;
    }

    /** Starts a stack that the caller stops with {@link #close()}; a JVM shutdown hook stops it otherwise. */
    public static LocalStack start(LocalStackOptions options) {
        return start(options, Lifecycle.STANDALONE);
    }

    /**
     * This JVM's stack, started with free ports on first use and stopped when the JVM exits, so every test class and
     * every cached Spring context of a test run share one database server and one broker. Closing it does nothing.
     */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            shared = startOnFreePorts(Lifecycle.SHARED);
        }
        return shared;
    }

    /**
     * A free port is found by binding it and letting go, so another process starting at the same moment can take it
     * before the server binds it; on such a clash, start again on other ports.
     */
    private static LocalStack startOnFreePorts(Lifecycle lifecycle) {
        for (int attempt = 1; ; attempt++) {
            LocalStackOptions options = LocalStackOptions.freePorts();
            try {
                return start(options, lifecycle);
            } catch (RuntimeException clash) {
                if (attempt == FREE_PORT_ATTEMPTS || !causedByBind(clash)) {
                    throw clash;
                }
                log.warn("A port picked for the local stack was taken meanwhile; starting again on others", clash);
                Directories.deleteRecursively(options.dataDirectory());
            }
        }
    }

    private static boolean causedByBind(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** For an owner whose own shutdown hook closes this stack, after it has stopped what depends on it. */
    static LocalStack startOwned(LocalStackOptions options) {
        return start(options, Lifecycle.OWNED);
    }

    private static LocalStack start(LocalStackOptions options, Lifecycle lifecycle) {
        long startedAt = System.nanoTime();
        FreePorts.requireFree(options.databasePort(), "MariaDB");
        FreePorts.requireFree(options.kafkaPort(), "Kafka");
        FreePorts.requireFree(options.kafkaControllerPort(), "the Kafka controller");

        if (options.data() == LocalStackOptions.Data.FRESH_THEN_KEPT) {
            deleteParts(options.dataDirectory());
        }
        Path privateKeyFile = partDirectory(options, KEY_DIRECTORY).resolve(KEY_FILE);
        SigningKey key = signingKey(privateKeyFile);
        JwkSetServer jwkSetServer = JwkSetServer.start(key.publicJwkSetJson());
        Servers servers;
        try {
            servers = Servers.start(options);
        } catch (RuntimeException e) {
            jwkSetServer.close();
            throw e;
        }

        LocalStack stack = new LocalStack(options, servers.database(), servers.kafka(), jwkSetServer, privateKeyFile,
                new LocalTokens(key.jwk()), lifecycle);
        if (lifecycle != Lifecycle.OWNED) {
            Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        }
        log.info("Local stack up in {} ms: MariaDB on {}:{}, Kafka on {}, JWK set at {}",
                Duration.ofNanos(System.nanoTime() - startedAt).toMillis(), DATABASE_HOST, options.databasePort(),
                stack.kafkaBootstrapServers(), stack.jwkSetUri());
        return stack;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** MariaDB's port on 127.0.0.1; the user is root with an empty password. */
    public int databasePort() {
        return options.databasePort();
    }

    /** A MySQL Connector/J URL for {@code schema}, which the first connection creates. */
    public String jdbcUrl(String schema) {
        return "jdbc:mysql://" + DATABASE_HOST + ":" + databasePort() + "/" + schema + "?createDatabaseIfNotExist=true";
    }

    /** Where the database, the Kafka log and the signing key live. */
    public Path dataDirectory() {
        return options.dataDirectory();
    }

    /** The PKCS#8 PEM of the RSA key that signs this stack's tokens. */
    public Path privateKeyFile() {
        return privateKeyFile;
    }

    /** Where this stack publishes the JWK set that verifies its tokens. */
    public URI jwkSetUri() {
        return jwkSetServer.uri();
    }

    /** Takes the database away, as an outage would, until {@link #restartDatabase()}: for fault tests. */
    public void stopDatabase() {
        database.stop();
    }

    /** Brings the database back after {@link #stopDatabase()}, on the same port with the same data. */
    public void restartDatabase() {
        database.restart();
    }

    public LocalTokens tokens() {
        return tokens;
    }

    /**
     * The variables through which a service finds the database, the broker and the signing key; the JWK set URI is
     * left to the caller, since under {@code ./run} session-service publishes it.
     */
    Map<String, String> connectionEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CHAT_DB_HOST", DATABASE_HOST);
        environment.put("CHAT_DB_PORT", String.valueOf(databasePort()));
        environment.put("CHAT_DB_USER", DATABASE_USER);
        environment.put("CHAT_DB_PASSWORD", "");
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        environment.put("CHAT_JWT_PRIVATE_KEY_FILE", privateKeyFile.toString());
        return environment;
    }

    /**
     * Stops the stack and deletes its files unless they are to be kept. The {@link #shared()} stack ignores this and
     * stops with the JVM.
     */
    @Override
    public void close() {
        if (lifecycle == Lifecycle.SHARED) {
            return;
        }
        if (lifecycle == Lifecycle.STANDALONE) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException jvmAlreadyShuttingDown) {
                // The hook is running or about to; stop() is idempotent.
            }
        }
        stop();
    }

    /**
     * Keeps this stack up, when the JVM exits, until {@code user} lets go: Spring test contexts close in a shutdown
     * hook of their own, concurrently with the stack's, and still talk to the database and the broker while closing.
     */
    void retain(Object user) {
        synchronized (users) {
            users.add(user);
        }
    }

    void release(Object user) {
        synchronized (users) {
            users.remove(user);
            users.notifyAll();
        }
    }

    private void awaitUsersReleased() {
        long deadline = System.nanoTime() + USERS_RELEASE_TIMEOUT.toNanos();
        synchronized (users) {
            long remaining;
            while (!users.isEmpty() && (remaining = deadline - System.nanoTime()) > 0) {
                try {
                    users.wait(Duration.ofNanos(remaining).toMillis() + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        awaitUsersReleased();
        Closer.closeAll(jwkSetServer, kafka, database, () -> {
            if (options.data() == LocalStackOptions.Data.THROWAWAY) {
                deleteParts(options.dataDirectory());
                Directories.deleteIfEmpty(options.dataDirectory());
            }
        });
    }

    /** Kept data keeps its key too: tokens issued before a restart stay valid, like the accounts they name. */
    private static SigningKey signingKey(Path privateKeyFile) {
        if (Files.exists(privateKeyFile)) {
            return SigningKey.readPrivateKeyPem(privateKeyFile);
        }
        SigningKey key = SigningKey.generate();
        key.writePrivateKeyPem(privateKeyFile);
        return key;
    }

    /** A part's directory, emptied first if the data is throwaway, whatever an earlier run left there. */
    private static Path partDirectory(LocalStackOptions options, String part) {
        Path directory = options.dataDirectory().resolve(part);
        return options.data() == LocalStackOptions.Data.THROWAWAY
                ? Directories.recreate(directory)
                : Directories.create(directory);
    }

    /** Only the stack's own parts: the data directory may be one the user named and keeps other things in. */
    private static void deleteParts(Path dataDirectory) {
        for (String part : new String[] {KAFKA_DIRECTORY, DATABASE_DIRECTORY, KEY_DIRECTORY}) {
            Directories.deleteRecursively(dataDirectory.resolve(part));
        }
    }

    private record Servers(EmbeddedMariaDb database, EmbeddedKafka kafka) {

        /** Both at once, as each takes seconds and neither needs the other; if one fails, the other is stopped. */
        static Servers start(LocalStackOptions options) {
            CompletableFuture<EmbeddedMariaDb> databaseStart = CompletableFuture.supplyAsync(
                    () -> EmbeddedMariaDb.start(options.databasePort(), partDirectory(options, DATABASE_DIRECTORY)),
                    task -> Thread.ofVirtual().name("local-stack-mariadb").start(task));
            EmbeddedKafka kafka;
            try {
                kafka = EmbeddedKafka.start(options.kafkaPort(), options.kafkaControllerPort(),
                        partDirectory(options, KAFKA_DIRECTORY));
            } catch (RuntimeException e) {
                databaseStart.thenAccept(EmbeddedMariaDb::close).exceptionally(ignored -> null).join();
                throw e;
            }
            try {
                return new Servers(databaseStart.join(), kafka);
            } catch (CompletionException e) {
                kafka.close();
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    /** Who stops the stack. */
    private enum Lifecycle {
        /** {@link #close()}, or the JVM's exit if nobody closes it. */
        STANDALONE,
        /** Only the JVM's exit: test classes come and go, the stack serves them all. */
        SHARED,
        /** Only {@link #close()}: the owner orders the shutdown, e.g. services before the broker they talk to. */
        OWNED
    }
}
