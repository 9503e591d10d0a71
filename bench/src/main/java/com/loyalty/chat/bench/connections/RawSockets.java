package com.loyalty.chat.bench.connections;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Many idle WebSocket clients on one selector thread, a few hundred bytes each: a connection benchmark whose own
 * clients needed tens of KB apiece (as the JDK's WebSocket client does) would measure its own limits. Each client
 * sends the handshake, reads the status line and headers (a refusal's status, {@code Retry-After} and envelope
 * code are kept), then reads frames: it notes the type of the first two text frames (and the {@code nodeId} of
 * {@code connection_established}), answers pings with pongs, and skips everything else. It can send a heartbeat frame,
 * and start a client again later (a reconnect after a lost socket or a refusal). All socket work happens on the
 * selector thread.
 */
final class RawSockets implements AutoCloseable {

    /** What becomes of one client; called on the selector thread, must not block. */
    interface Events {
        void upgraded(Client client, long nanos);

        void refused(Client client, int status, String retryAfter, String body, long nanos);

        void failed(Client client, String why, long nanos);

        /** A text frame of this type arrived (only the first {@link #TYPED_FRAMES} of each connection are typed). */
        void frame(Client client, String type, long nanos);

        void closed(Client client, int code, long nanos);
    }

    static final int TYPED_FRAMES = 3;
    /** Enough of a typed frame for {@code connection_established}'s {@code nodeId}, which follows a UUID or two. */
    private static final int TYPED_PREFIX = 256;
    private static final int HEADER_LIMIT = 16 * 1024;
    private static final byte[] HEARTBEAT = "{\"type\":\"heartbeat\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);

    enum State { CONNECTING, HANDSHAKE, OPEN, DONE }

    /** One client; fields touched on the selector thread only. */
    final class Client {
        final int index;
        final long startedNanos;
        State state = State.CONNECTING;
        /** For the benchmark's own bookkeeping (selector thread only). */
        long lastHeartbeatNanos;
        int framesSeen;
        /** The server took permessage-deflate: text frames are compressed, their types unreadable here. */
        boolean compressed;
        /** The node that greeted this client ({@code connection_established}'s {@code nodeId}), if it said. */
        String nodeId;
        /** The reason in the server's close frame, if it sent one with a reason. */
        String closeReason;
        private final SocketChannel channel;
        private final ByteBuffer request;
        private byte[] head = new byte[512];
        private int headLength;
        private int bodyRemaining = -1;
        private boolean chunked;
        private int status;
        private String retryAfter;
        // Frame parsing.
        private final byte[] frameHeader = new byte[14];
        private int frameHeaderLength;
        private int opcode;
        private long payloadRemaining = -1;
        private byte[] prefix;
        private int prefixLength;
        private int typedFrames;
        private final Queue<ByteBuffer> pendingWrites = new ArrayDeque<>(1);

        private Client(int index, SocketChannel channel, ByteBuffer request) {
            this.index = index;
            this.channel = channel;
            this.request = request;
            this.startedNanos = System.nanoTime();
        }

        boolean open() {
            return state == State.OPEN;
        }
    }

    private final Selector selector;
    private final InetSocketAddress address;
    private final Events events;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    /** Clients whose handshake has not come to an end yet (selector thread only). */
    private final java.util.Set<Client> pending = new java.util.HashSet<>();
    /** Handshakes to start later, soonest first (selector thread only). */
    private final PriorityQueue<Later> later = new PriorityQueue<>(java.util.Comparator.comparingLong(Later::dueNanos));
    private volatile boolean running = true;

    private final boolean offerDeflate;

    RawSockets(URI node, Events events, boolean offerDeflate) throws IOException {
        this.offerDeflate = offerDeflate;
        this.selector = Selector.open();
        this.address = new InetSocketAddress(node.getHost(), node.getPort());
        this.events = events;
        this.thread = Thread.ofPlatform().name("raw-sockets").daemon().start(this::loop);
    }

    /** Starts a handshake for {@code pathAndQuery}; the outcome comes to {@link Events}. */
    void connect(int index, String pathAndQuery) {
        tasks.add(() -> start(index, pathAndQuery));
        selector.wakeup();
    }

    /**
     * Starts a handshake for {@code pathAndQuery} once {@code delayNanos} have passed, under the same index (a client
     * reconnecting); the outcome comes to {@link Events} as for {@link #connect}.
     */
    void connectLater(int index, String pathAndQuery, long delayNanos) {
        if (delayNanos <= 0) {
            connect(index, pathAndQuery);
            return;
        }
        long due = System.nanoTime() + delayNanos;
        tasks.add(() -> later.add(new Later(due, index, pathAndQuery)));
        selector.wakeup();
    }

    private record Later(long dueNanos, int index, String pathAndQuery) {
    }

    /** Sends a heartbeat frame on the client, if it is still open. */
    void heartbeat(Client client) {
        tasks.add(() -> {
            if (client.open()) {
                write(client, maskedFrame(0x1, HEARTBEAT));
            }
        });
        selector.wakeup();
    }

    /** Runs on the selector thread, in order with its socket work. */
    void onSelectorThread(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private void start(int index, String pathAndQuery) {
        long now = System.nanoTime();
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + address.getHostString() + ":"
                    + address.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
                    + (offerDeflate ? "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" : "")
                    + "\r\n";
            Client client = new Client(index, channel, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            pending.add(client);
            if (channel.connect(address)) {
                channel.register(selector, SelectionKey.OP_WRITE, client);
                client.state = State.HANDSHAKE;
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, client);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            events.failed(new Client(index, null, null), "connect: " + e.getMessage(), now);
        }
    }

    private void loop() {
        while (running) {
            try {
                Later next = later.peek();
                selector.select(next == null ? 100
                        : Math.clamp((next.dueNanos() - System.nanoTime()) / 1_000_000, 1, 100));
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                long now = System.nanoTime();
                while ((next = later.peek()) != null && next.dueNanos() <= now) {
                    later.poll();
                    start(next.index(), next.pathAndQuery());
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Client client = (Client) key.attachment();
                    try {
                        handle(key, client);
                    } catch (IOException | RuntimeException e) {
                        fail(client, key, e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("Selector failed", e);
            }
        }
    }

    private void handle(SelectionKey key, Client client) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isConnectable()) {
            client.channel.finishConnect();
            client.state = State.HANDSHAKE;
            key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        if (key.isWritable()) {
            if (client.state == State.HANDSHAKE && client.request.hasRemaining()) {
                client.channel.write(client.request);
                if (!client.request.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
                return;
            }
            flush(client, key);
        }
        if (key.isReadable()) {
            readBuffer.clear();
            int read = client.channel.read(readBuffer);
            if (read < 0) {
                if (client.state == State.HANDSHAKE) {
                    fail(client, key, "closed during the handshake");
                } else {
                    finish(client, key, 1006);
                }
                return;
            }
            readBuffer.flip();
            long now = System.nanoTime();
            if (client.state == State.HANDSHAKE) {
                readHandshake(client, key, now);
            }
            if (client.state == State.OPEN) {
                readFrames(client, key, now);
            }
        }
    }

    private void readHandshake(Client client, SelectionKey key, long now) throws IOException {
        while (readBuffer.hasRemaining()) {
            if (client.bodyRemaining >= 0) {
                int take = Math.min(client.bodyRemaining, readBuffer.remaining());
                append(client, take);
                client.bodyRemaining -= take;
                if (client.bodyRemaining == 0 || client.chunked && endsWithLastChunk(client)) {
                    refuse(client, key, now);
                }
                return;
            }
            append(client, 1);
            int n = client.headLength;
            if (n >= 4 && client.head[n - 4] == '\r' && client.head[n - 3] == '\n' && client.head[n - 2] == '\r'
                    && client.head[n - 1] == '\n') {
                String head = new String(client.head, 0, n, StandardCharsets.ISO_8859_1);
                client.status = Integer.parseInt(head.substring(9, 12));
                if (client.status == 101) {
                    client.compressed = head.toLowerCase(java.util.Locale.ROOT).contains("permessage-deflate");
                    client.head = null;
                    client.state = State.OPEN;
                    pending.remove(client);
                    events.upgraded(client, now);
                    return;
                }
                client.retryAfter = header(head, "retry-after");
                String length = header(head, "content-length");
                client.chunked = "chunked".equalsIgnoreCase(header(head, "transfer-encoding"));
                client.headLength = 0;
                client.bodyRemaining = client.chunked ? Integer.MAX_VALUE
                        : length == null ? 0 : Integer.parseInt(length.trim());
                if (client.bodyRemaining == 0) {
                    refuse(client, key, now);
                    return;
                }
            } else if (n >= HEADER_LIMIT) {
                fail(client, key, "response head over " + HEADER_LIMIT + " bytes");
                return;
            }
        }
    }

    private static boolean endsWithLastChunk(Client client) {
        int n = client.headLength;
        return n >= 5 && new String(client.head, n - 5, 5, StandardCharsets.ISO_8859_1).equals("0\r\n\r\n");
    }

    /**
     * Fails every client still in its handshake after {@code timeoutNanos}: a node that stopped answering must not
     * hold the benchmark's window of handshakes in flight forever.
     */
    void expireHandshakes(long timeoutNanos) {
        onSelectorThread(() -> {
            long now = System.nanoTime();
            for (Client client : List.copyOf(pending)) {
                if (now - client.startedNanos > timeoutNanos) {
                    SelectionKey key = client.channel.keyFor(selector);
                    if (key != null) {
                        fail(client, key, "no answer to the handshake within " + timeoutNanos / 1_000_000_000 + " s");
                    }
                }
            }
        });
    }

    private void refuse(Client client, SelectionKey key, long now) {
        pending.remove(client);
        String body = new String(client.head, 0, client.headLength, StandardCharsets.UTF_8);
        if (client.chunked) {
            // Chunk sizes and their line ends around the JSON: what matters is inside the braces.
            int open = body.indexOf('{');
            int close = body.lastIndexOf('}');
            body = open >= 0 && close > open ? body.substring(open, close + 1) : body;
        }
        client.state = State.DONE;
        key.cancel();
        closeQuietly(client.channel);
        events.refused(client, client.status, client.retryAfter, body, now);
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private void append(Client client, int count) {
        if (client.headLength + count > client.head.length) {
            byte[] larger = new byte[Math.max(client.head.length * 2, client.headLength + count)];
            System.arraycopy(client.head, 0, larger, 0, client.headLength);
            client.head = larger;
        }
        readBuffer.get(client.head, client.headLength, count);
        client.headLength += count;
    }

    /** Server frames are unmasked: 2 header bytes, 2 or 8 more for longer payloads. */
    private void readFrames(Client client, SelectionKey key, long now) {
        while (readBuffer.hasRemaining() && client.state == State.OPEN) {
            if (client.payloadRemaining < 0) {
                client.frameHeader[client.frameHeaderLength++] = readBuffer.get();
                if (client.frameHeaderLength < 2) {
                    continue;
                }
                int lengthByte = client.frameHeader[1] & 0x7f;
                int needed = lengthByte == 126 ? 4 : lengthByte == 127 ? 10 : 2;
                if (client.frameHeaderLength < needed) {
                    continue;
                }
                client.opcode = client.frameHeader[0] & 0x0f;
                long length = lengthByte < 126 ? lengthByte : 0;
                for (int i = 2; i < needed; i++) {
                    length = length << 8 | client.frameHeader[i] & 0xff;
                }
                client.frameHeaderLength = 0;
                client.payloadRemaining = length;
                boolean typed = client.opcode == 0x1 && client.typedFrames < TYPED_FRAMES;
                client.prefix = client.opcode >= 0x8 ? new byte[(int) Math.min(length, 125)]
                        : typed ? new byte[(int) Math.min(length, TYPED_PREFIX)] : null;
                client.prefixLength = 0;
            }
            int take = (int) Math.min(client.payloadRemaining, readBuffer.remaining());
            if (client.prefix != null && client.prefixLength < client.prefix.length) {
                int copy = Math.min(take, client.prefix.length - client.prefixLength);
                readBuffer.get(client.prefix, client.prefixLength, copy);
                client.prefixLength += copy;
                readBuffer.position(readBuffer.position() + take - copy);
            } else {
                readBuffer.position(readBuffer.position() + take);
            }
            client.payloadRemaining -= take;
            if (client.payloadRemaining == 0) {
                client.payloadRemaining = -1;
                frameDone(client, key, now);
            }
        }
    }

    private void frameDone(Client client, SelectionKey key, long now) {
        byte[] payload = client.prefix;
        client.prefix = null;
        switch (client.opcode) {
            case 0x1 -> {
                if (payload != null) {
                    client.typedFrames++;
                    String start = new String(payload, 0, client.prefixLength, StandardCharsets.UTF_8);
                    String type = typeOf(start);
                    if ("connection_established".equals(type)) {
                        client.nodeId = stringField(start, "nodeId");
                    }
                    events.frame(client, type, now);
                }
            }
            case 0x8 -> {
                int code = payload != null && client.prefixLength >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff
                        : 1005;
                if (payload != null && client.prefixLength > 2) {
                    client.closeReason = new String(payload, 2, client.prefixLength - 2, StandardCharsets.UTF_8);
                }
                write(client, maskedFrame(0x8, payload == null ? new byte[0]
                        : java.util.Arrays.copyOf(payload, Math.min(2, client.prefixLength))));
                finish(client, key, code);
            }
            case 0x9 -> write(client, maskedFrame(0xA, payload == null ? new byte[0]
                    : java.util.Arrays.copyOf(payload, client.prefixLength)));
            default -> {
            }
        }
    }

    /** The value of {@code "type"} in the first bytes of a frame (servers put it first). */
    static String typeOf(String start) {
        String type = stringField(start, "type");
        return type == null ? "?" : type;
    }

    /** The first string value named {@code name} in the first bytes of a frame; null when it is not (all) there. */
    static String stringField(String start, String name) {
        String key = "\"" + name + "\":\"";
        int at = start.indexOf(key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length();
        int to = start.indexOf('"', from);
        return to < 0 ? null : start.substring(from, to);
    }

    private static ByteBuffer maskedFrame(int opcode, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 14);
        frame.put((byte) (0x80 | opcode));
        if (payload.length < 126) {
            frame.put((byte) (0x80 | payload.length));
        } else {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return frame.flip();
    }

    private void write(Client client, ByteBuffer frame) {
        client.pendingWrites.add(frame);
        SelectionKey key = client.channel.keyFor(selector);
        if (key != null && key.isValid()) {
            try {
                flush(client, key);
            } catch (IOException e) {
                fail(client, key, "write: " + e.getMessage());
            }
        }
    }

    private void flush(Client client, SelectionKey key) throws IOException {
        ByteBuffer next;
        while ((next = client.pendingWrites.peek()) != null) {
            client.channel.write(next);
            if (next.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            client.pendingWrites.poll();
        }
        if (key.isValid()) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    private void finish(Client client, SelectionKey key, int code) {
        if (client.state == State.DONE) {
            return;
        }
        client.state = State.DONE;
        key.cancel();
        closeQuietly(client.channel);
        events.closed(client, code, System.nanoTime());
    }

    private void fail(Client client, SelectionKey key, String why) {
        if (client.state == State.DONE) {
            return;
        }
        boolean wasOpen = client.state == State.OPEN;
        client.state = State.DONE;
        pending.remove(client);
        key.cancel();
        closeQuietly(client.channel);
        if (wasOpen) {
            events.closed(client, 1006, System.nanoTime());
        } else {
            events.failed(client, why, System.nanoTime());
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Going anyway.
            }
        }
    }

    /** Drops every socket without a close handshake (the node sees them go at once) and stops the thread. */
    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            closeQuietly((SocketChannel) key.channel());
        }
        selector.close();
    }
}
