package com.loyalty.chat.chassis.testing;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real WebSocket client (the JDK's) that keeps every text message it receives, read as a JSON frame where it is
 * one, and the close code, so a test waits for the frame it expects among all that came and are still to come. It can
 * stop reading, as a client too slow to keep up does. A failed connection or handshake is thrown by
 * {@link #connect}, wrapped in a {@link java.util.concurrent.CompletionException}.
 */
public final class TestSocket implements AutoCloseable {

    /** The "close code" of a connection that failed or was cut without a close frame. */
    public static final int LOST = -1;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A text as it came, and its JSON, or null when it is not JSON. */
    private record Received(String text, @Nullable JsonNode frame) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final WebSocket webSocket;
    private boolean paused;
    private boolean demandOwed;

    private TestSocket(URI uri, Map<String, String> headers, String... subProtocols) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(PATIENCE);
        headers.forEach(builder::header);
        if (subProtocols.length > 0) {
            builder.subprotocols(subProtocols[0], Arrays.copyOfRange(subProtocols, 1, subProtocols.length));
        }
        this.webSocket = builder.buildAsync(uri, new Listener()).join();
    }

    public static TestSocket connect(URI uri) {
        return new TestSocket(uri, Map.of());
    }

    public static TestSocket connect(URI uri, Map<String, String> headers, String... subProtocols) {
        return new TestSocket(uri, headers, subProtocols);
    }

    /** {@code path} on the server at {@code httpBase}, the token in the query, as browsers pass it. */
    public static TestSocket connect(String httpBase, String path, String token) {
        String separator = path.contains("?") ? "&" : "?";
        return connect(URI.create(httpBase.replaceFirst("^http", "ws") + path + separator + "token="
                + token));
    }

    /** An empty object to fill in as a frame's {@code data}. */
    public static ObjectNode data() {
        return JSON.createObjectNode();
    }

    public @Nullable String subProtocol() {
        return webSocket.getSubprotocol();
    }

    /** Sends text as it is, for frames a well-behaved client would never send too. */
    public void send(String text) {
        webSocket.sendText(text, true).join();
    }

    public void send(JsonNode frame) {
        send(JSON.writeValueAsString(frame));
    }

    /** A frame of this type; {@code data} is a map or a JSON object. */
    public void send(String type, Object data) {
        send(type, data, null);
    }

    public void send(String type, Object data, @Nullable String requestId) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        frame.put("data", data);
        if (requestId != null) {
            frame.put("requestId", requestId);
        }
        send(JSON.writeValueAsString(frame));
    }

    /** Stops taking messages off the socket, as a client too slow to keep up does, until {@link #resumeReading}. */
    public synchronized void pauseReading() {
        paused = true;
    }

    public synchronized void resumeReading() {
        paused = false;
        if (demandOwed) {
            demandOwed = false;
            webSocket.request(1);
        }
    }

    /** The {@code index}th text received (from 0), waiting for it. */
    public String awaitText(int index) {
        return await().atMost(PATIENCE).until(() -> received.size() > index ? received.get(index).text() : null,
                text -> text != null);
    }

    /** The first frame, among all received so far and still to come, that matches. */
    public JsonNode awaitFrame(Predicate<JsonNode> matching) {
        return await().atMost(PATIENCE).until(() -> find(matching), Optional::isPresent).orElseThrow();
    }

    public JsonNode awaitFrame(String type) {
        return awaitFrame(type, data -> true);
    }

    /** The first frame of this type whose data matches. */
    public JsonNode awaitFrame(String type, Predicate<JsonNode> dataMatches) {
        return awaitFrame(frame -> type.equals(frame.path("type").asString()) && dataMatches.test(frame.path("data")));
    }

    /** The first frame of this type whose data has this value at this field. */
    public JsonNode awaitFrame(String type, String field, String value) {
        return awaitFrame(type, data -> value.equals(data.path(field).asString()));
    }

    public Optional<JsonNode> find(Predicate<JsonNode> matching) {
        return frames().stream().filter(matching).findFirst();
    }

    public List<JsonNode> framesOfType(String type) {
        return frames().stream().filter(frame -> type.equals(frame.path("type").asString())).toList();
    }

    /** Every JSON frame received so far, in order. */
    public List<JsonNode> frames() {
        return received.stream().map(Received::frame).<JsonNode>mapMulti((frame, into) -> {
            if (frame != null) {
                into.accept(frame);
            }
        }).toList();
    }

    /** The close code the server sent, waiting for it; {@link #LOST} when the connection ended without one. */
    public int awaitCloseCode() {
        return await().atMost(PATIENCE).until(() -> closeCode.getNow(null), code -> code != null);
    }

    public boolean closedByServer() {
        return closeCode.isDone();
    }

    /** WebSocket pings received so far; the JDK's client answers each with a pong by itself. */
    public int pings() {
        return pings.get();
    }

    @Override
    public void close() {
        if (!webSocket.isOutputClosed()) {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(failure -> null).join();
        }
        webSocket.abort();
    }

    /** Asks for the next message unless reading is paused, in which case it is asked for on resuming. */
    private synchronized void requestNext(WebSocket socket) {
        if (paused) {
            demandOwed = true;
        }
        else {
            socket.request(1);
        }
    }

    private static @Nullable JsonNode frameOrNull(String text) {
        try {
            return JSON.readTree(text);
        }
        catch (JacksonException notJson) {
            return null;
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public @Nullable CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                received.add(new Received(text, frameOrNull(text)));
                partial.setLength(0);
            }
            requestNext(socket);
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
            pings.incrementAndGet();
            requestNext(socket);
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closeCode.complete(LOST);
        }
    }
}
