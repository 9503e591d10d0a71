package com.loyalty.chat.gateway.routing;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real WebSocket client (the JDK's) that keeps every text frame and the close code it receives. */
final class TestSocket implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private TestSocket(URI uri, String... subProtocols) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().header("X-Request-Id", "req-ws-1");
        if (subProtocols.length > 0) {
            builder.subprotocols(subProtocols[0], java.util.Arrays.copyOfRange(subProtocols, 1, subProtocols.length));
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    static TestSocket connect(URI uri, String... subProtocols) {
        return new TestSocket(uri, subProtocols);
    }

    String subProtocol() {
        return socket.getSubprotocol();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    String awaitText(int index) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> texts.size() > index ? texts.get(index) : null,
                text -> text != null);
    }

    int awaitCloseCode() {
        return await().atMost(Duration.ofSeconds(10)).until(() -> closeCode.getNow(null), code -> code != null);
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
                texts.add(partial.toString());
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
