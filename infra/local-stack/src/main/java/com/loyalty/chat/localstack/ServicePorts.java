package com.loyalty.chat.localstack;

import java.util.List;
import java.util.stream.IntStream;

/** The HTTP port of every service process of a {@link ChatStack}. */
record ServicePorts(int session, int message, int stats, int gateway, List<Integer> realtimeNodes) {

    private static final int FIRST_REALTIME_PORT = 8090;

    /** The ports in docs/architecture.md, which the services also default to. */
    static ServicePorts defaults(int realtimeNodes) {
        return new ServicePorts(8081, 8082, 8083, 3000,
                IntStream.range(0, realtimeNodes).mapToObj(node -> FIRST_REALTIME_PORT + node).toList());
    }

    static ServicePorts free(int realtimeNodes) {
        int[] ports = FreePorts.allocate(4 + realtimeNodes);
        return new ServicePorts(ports[0], ports[1], ports[2], ports[3],
                IntStream.range(4, ports.length).mapToObj(index -> ports[index]).toList());
    }

    /** Fails naming the first port that something else already listens on. */
    void requireFree() {
        FreePorts.requireFree(session, "session-service");
        FreePorts.requireFree(message, "message-service");
        FreePorts.requireFree(stats, "stats-service");
        FreePorts.requireFree(gateway, "gateway-service");
        realtimeNodes.forEach(port -> FreePorts.requireFree(port, "a realtime-service node"));
    }
}
