package com.loyalty.chat.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Finds ports nobody listens on; mysqld cannot be given port 0, so the stack picks its ports itself. */
final class FreePorts {

    /** Above every port the project or its stack listen on by default. */
    private static final int LOWEST = 20_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private FreePorts() {
    }

    /**
     * Distinct free ports below the kernel's ephemeral range. A port the kernel hands out for a listening socket on
     * port 0 comes from that range, which is also where every outgoing connection takes its local port: between the
     * choice and the bind (MariaDB starts in between) a client socket took a chosen port once in CI, and Kafka could
     * not bind it. All sockets stay open until every port is chosen, so none is handed out twice.
     */
    static int[] allocate(int count) {
        int below = ephemeralRangeStart();
        // Where that range leaves no room below it, the kernel's choice is the only one.
        boolean roomBelow = below - LOWEST >= 10 * count;
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = roomBelow ? bindSomewhereIn(LOWEST, below) : new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    private static ServerSocket bindSomewhereIn(int from, int below) {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                return new ServerSocket(ThreadLocalRandom.current().nextInt(from, below));
            } catch (IOException taken) {
                // Another one, then.
            }
        }
        throw new IllegalStateException("No free port between " + from + " and " + below + " in 100 tries");
    }

    private static int ephemeralRangeStart() {
        try {
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).getFirst().strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException unknown) {
            // Not Linux: IANA's range starts at 49152, Linux's default at 32768; below both.
            return 32768;
        }
    }

    /** Fails fast with the port and its owner named, instead of a bind error deep inside mysqld or Kafka. */
    static void requireFree(int port, String owner) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            // Binding is the only reliable test of whether a port is free.
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " for " + owner
                    + " is in use; is another ./run (or a local MariaDB/Kafka) still running?", e);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // The port is released either way.
        }
    }
}
