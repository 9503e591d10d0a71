package com.loyalty.chat.realtime.connection;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param heartbeatInterval what {@code connection_established} tells clients to heartbeat within
 * @param idleTimeout a connection that sends no frame for this long is closed (1001); pongs do not count
 * @param idleCheckInterval how often connections are looked over for being idle, not answering a ping or holding an
 *                          expired token; each of those may live this much longer
 * @param pingInterval a connection the node has heard nothing from (frames or pongs) for this long gets a WebSocket
 *                     ping, which every browser and client library answers by itself
 * @param pongTimeout a pinged connection that sends no pong (nor anything else) for this long is half-open, its
 *                    client gone without a close, and is closed (1001)
 * @param maxFrameSize a client frame of more UTF-8 bytes closes the connection with 1009
 * @param sendTimeLimit a client whose socket has not taken a frame for this long is closed as too slow (1013)
 * @param sendBufferSize a client with this much queued for it is closed as too slow (1013), rather than the node
 *                       holding ever more memory for it
 * @param maxConnections the node refuses further handshakes (503, 5003) while it holds this many connections; the
 *                       node may derive a lower cap from its heap and open-file limit (see {@code ConnectionCapacity})
 * @param memoryPerConnection the heap one idle connection is planned at, garbage-collection headroom included; the
 *                            heap beyond {@code heapReserve} divided by this caps the connections
 * @param heapReserve heap kept for everything but connections (caches, Kafka clients, frames in flight)
 * @param fileReserve open files kept for everything but connections (Kafka, REST clients, jars, logs)
 * @param retryAfter what a refused handshake's {@code Retry-After} says
 * @param rateLimit how many frames a connection may send; beyond it a frame is answered with 4029 and dropped
 * @param perMessageDeflate whether to accept the {@code permessage-deflate} extension browsers offer; it costs every
 *                          connection that takes it a zlib deflater and inflater, a few hundred KB of native memory
 * @param drainTimeout on shutdown, how long clients get to take their 1012 close before the node lets go of them
 * @param allowedOriginPatterns browser origins that may connect; tokens travel in the URL, not in cookies, so a
 *                              foreign page cannot ride on a user's ambient credentials
 * @param acceptBacklog the listen backlog: connection attempts the kernel queues until the node accepts them
 * @param requestIdleTimeout a connection that sends no HTTP request (a handshake, a probe) for this long is closed:
 *                           it holds a file descriptor without ever reaching the handshake's admission. Upgraded
 *                           connections are left to {@code idleTimeout}
 */
@ConfigurationProperties("chat.realtime.connection")
record ConnectionProperties(
        @DefaultValue("90s") Duration heartbeatInterval,
        @DefaultValue("90s") Duration idleTimeout,
        @DefaultValue("5s") Duration idleCheckInterval,
        @DefaultValue("30s") Duration pingInterval,
        @DefaultValue("10s") Duration pongTimeout,
        @DefaultValue("64KB") DataSize maxFrameSize,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("512KB") DataSize sendBufferSize,
        @DefaultValue("20000") int maxConnections,
        @DefaultValue("10KB") DataSize memoryPerConnection,
        @DefaultValue("128MB") DataSize heapReserve,
        @DefaultValue("512") int fileReserve,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("false") boolean perMessageDeflate,
        @DefaultValue("10s") Duration drainTimeout,
        @DefaultValue("*") List<String> allowedOriginPatterns,
        @DefaultValue("1024") int acceptBacklog,
        @DefaultValue("30s") Duration requestIdleTimeout) {

    /**
     * A token bucket per connection.
     *
     * @param framesPerSecond the sustained rate
     * @param burst how many frames may come at once after a quiet spell
     */
    record RateLimit(@DefaultValue("20") double framesPerSecond, @DefaultValue("40") int burst) {
    }
}
