package com.loyalty.chat.e2e;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** REST calls and WebSocket handshakes through the gateway, answering with the status and the parsed envelope. */
final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Plain HTTP/1.1, as consoles and mobile clients speak to the gateway (no h2c upgrade attempts). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String gatewayUrl;

    Api(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    /** {@code retryAfter} is the answer's {@code Retry-After}, or null. */
    record Answer(int status, JsonNode body, String retryAfter) {

        Answer(int status, JsonNode body) {
            this(status, body, null);
        }

        JsonNode data() {
            return body.path("data");
        }
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    /** A GET from a script on a page of {@code origin}, as a browser sends it. */
    Answer getFrom(String origin, String path, String token) {
        return send(request(path, token).header("Origin", origin).GET());
    }

    Answer put(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A body sent in chunks, without a {@code Content-Length}. */
    Answer postChunked(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(json))));
    }

    /** Any method, any body and content type, for requests a well-behaved client would never make. */
    Answer raw(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder request = request(path, token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(contentType == null ? request : request.header("Content-Type", contentType));
    }

    /**
     * A WebSocket opening handshake as a browser sends it, answering the status and, when refused, the envelope;
     * when accepted (101), the server's first frame, after which the connection is closed. Java's WebSocket client
     * does not promise the refusal's body, and its HTTP client refuses to send the {@code Upgrade} and
     * {@code Connection} headers.
     */
    Answer handshake(String pathAndQuery) {
        return handshake(pathAndQuery, null);
    }

    /** As {@link #handshake(String)}, from a page on {@code origin} when it is not null. */
    Answer handshake(String pathAndQuery, String origin) {
        URI gateway = URI.create(gatewayUrl);
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: " + gateway.getHost() + ":" + gateway.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int status = Integer.parseInt(readLine(in).split(" ")[1]);
            // The gateway writes each refusal as one buffer, which goes out with a Content-Length.
            int contentLength = 0;
            String retryAfter = null;
            for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    contentLength = Integer.parseInt(lower.substring("content-length:".length()).strip());
                } else if (lower.startsWith("retry-after:")) {
                    retryAfter = lower.substring("retry-after:".length()).strip();
                }
            }
            if (status == 101) {
                // Closing only after the greeting, as clients do: a client gone right after the 101 can leave the
                // gateway's connection to the node open, and its user online, until the node times it out.
                JsonNode greeting = JSON.readTree(readServerFrame(in));
                closeLikeABrowser(socket, in);
                return new Answer(status, greeting);
            }
            byte[] body = in.readNBytes(contentLength);
            return new Answer(status, body.length == 0 ? MissingNode.getInstance() : JSON.readTree(body), retryAfter);
        } catch (IOException e) {
            throw new UncheckedIOException("handshake " + pathAndQuery, e);
        }
    }

    /** Logs in with the development code and answers the token. */
    String login(String mobile) {
        Answer answer = post("/api/v2/auth/login", null,
                "{\"mobile\":\"" + mobile + "\",\"verificationCode\":\"123456\"}");
        if (answer.status() != 200) {
            throw new IllegalStateException("login failed: " + answer);
        }
        return answer.data().path("token").asString();
    }

    /** The payload of the next frame from the server, which sends unmasked, unfragmented text frames. */
    private static byte[] readServerFrame(DataInputStream in) throws IOException {
        in.readUnsignedByte();
        int length = in.readUnsignedByte() & 0x7f;
        long payloadLength = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
        return in.readNBytes((int) payloadLength);
    }

    /**
     * Sends a close frame (1000, masked as every client frame must be) and reads until the server has closed too, so
     * the connection is gone on the node before the caller goes on.
     */
    private static void closeLikeABrowser(Socket socket, DataInputStream in) throws IOException {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        byte[] code = {(byte) (1000 >> 8), (byte) (1000 & 0xff)};
        byte[] frame = {(byte) 0x88, (byte) (0x80 | code.length), mask[0], mask[1], mask[2], mask[3],
                (byte) (code[0] ^ mask[0]), (byte) (code[1] ^ mask[1])};
        socket.getOutputStream().write(frame);
        in.readAllBytes();
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next == -1) {
                throw new IOException("connection closed mid-line after: " + line);
            }
            if (next != '\r') {
                line.append((char) next);
            }
        }
        return line.toString();
    }

    private HttpRequest.Builder request(String path, String token) {
        // A request that never gets an answer fails the test instead of stalling the suite.
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .timeout(Duration.ofSeconds(60));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** A body that is not JSON (a bare error page) is kept as text, so the test can say what came back. */
    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (tools.jackson.core.JacksonException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
