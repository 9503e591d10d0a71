package com.loyalty.chat.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Finds ports nobody listens on; mysqld cannot be given port 0, so the stack picks its ports itself. */
final class FreePorts {

    private FreePorts() {
    }

    /** Distinct free ports: all sockets stay open until every port is chosen, so none is handed out twice. */
    static int[] allocate(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
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
