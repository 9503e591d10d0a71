package com.loyalty.chat.e2e;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A real WebSocket client that keeps every frame it receives, so tests can wait for the one they expect. */
final class WsClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI uri) {
        this.socket = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(uri, new Listener()).join();
    }

    static WsClient connect(String gatewayUrl, String path, String token) {
        String separator = path.contains("?") ? "&" : "?";
        return new WsClient(URI.create(gatewayUrl.replaceFirst("^http", "ws") + path + separator + "token=" + token));
    }

    void send(String type, ObjectNode data) {
        send(type, data, null);
    }

    void send(String type, ObjectNode data, String requestId) {
        ObjectNode frame = JSON.createObjectNode().put("type", type);
        frame.set("data", data);
        if (requestId != null) {
            frame.put("requestId", requestId);
        }
        socket.sendText(JSON.writeValueAsString(frame), true).join();
    }

    /** Sends text as it is, for frames a well-behaved client would never send. */
    void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** The close code the server sent, waiting for it. */
    int awaitCloseCode() {
        return await().atMost(Duration.ofSeconds(30)).until(() -> closeCode.getNow(null), code -> code != null);
    }

    boolean isOpen() {
        return !closeCode.isDone();
    }

    static ObjectNode data() {
        return JSON.createObjectNode();
    }

    JsonNode awaitFrame(String type) {
        return awaitFrame(type, frame -> true);
    }

    JsonNode awaitFrame(String type, Predicate<JsonNode> dataMatches) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> find(type, dataMatches), Optional::isPresent)
                .orElseThrow();
    }

    List<JsonNode> framesOfType(String type) {
        return frames.stream().filter(frame -> type.equals(frame.path("type").asString())).toList();
    }

    private Optional<JsonNode> find(String type, Predicate<JsonNode> dataMatches) {
        return frames.stream()
                .filter(frame -> type.equals(frame.path("type").asString()))
                .filter(frame -> dataMatches.test(frame.path("data")))
                .findFirst();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
