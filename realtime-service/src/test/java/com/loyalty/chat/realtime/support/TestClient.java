package com.loyalty.chat.realtime.support;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (the JDK's) that keeps every frame it receives. */
public final class TestClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final WebSocket webSocket;
    private boolean paused;
    private boolean demandOwed;

    private TestClient(URI uri) {
        this.webSocket = HTTP.newWebSocketBuilder().buildAsync(uri, new Listener()).join();
    }

    /** @throws java.util.concurrent.CompletionException wrapping the handshake failure when the server refuses */
    public static TestClient connect(URI uri) {
        return new TestClient(uri);
    }

    public void send(String text) {
        webSocket.sendText(text, true).join();
    }

    public void send(JsonNode frame) {
        send(JSON.writeValueAsString(frame));
    }

    public void send(String type, Map<String, ?> data) {
        send(JSON.writeValueAsString(Map.of("type", type, "data", data)));
    }

    public void send(String type, Map<String, ?> data, String requestId) {
        send(JSON.writeValueAsString(Map.of("type", type, "data", data, "requestId", requestId)));
    }

    /** Stops taking frames off the socket, as a client too slow to keep up does, until {@link #resumeReading}. */
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

    /** Asks for the next frame unless reading is paused, in which case it is asked for on resuming. */
    private synchronized void requestNext(WebSocket socket) {
        if (paused) {
            demandOwed = true;
        } else {
            socket.request(1);
        }
    }

    /** The first frame, among all received so far and still to come, that matches. */
    public JsonNode awaitFrame(Predicate<JsonNode> matching) {
        return await().until(() -> find(matching), Optional::isPresent).orElseThrow();
    }

    public JsonNode awaitFrame(String type) {
        return awaitFrame(frame -> type.equals(frame.path("type").asString()));
    }

    /** The first frame of this type whose data has this value at this field. */
    public JsonNode awaitFrame(String type, String field, String value) {
        return awaitFrame(frame -> type.equals(frame.path("type").asString())
                && value.equals(frame.path("data").path(field).asString()));
    }

    public Optional<JsonNode> find(Predicate<JsonNode> matching) {
        return frames.stream().filter(matching).findFirst();
    }

    public List<JsonNode> framesOfType(String type) {
        return frames.stream().filter(frame -> type.equals(frame.path("type").asString())).toList();
    }

    public List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    public int awaitCloseCode() {
        await().until(closeCode::isDone);
        return closeCode.join();
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

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            requestNext(socket);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
            pings.incrementAndGet();
            requestNext(socket);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
