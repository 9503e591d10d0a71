package com.loyalty.chat.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Serves a fixed JWK set over HTTP on 127.0.0.1, as session-service does, for services tested without it. */
final class JwkSetServer implements AutoCloseable {

    static final String PATH = "/.well-known/jwks.json";

    private final HttpServer server;

    private JwkSetServer(HttpServer server) {
        this.server = server;
    }

    static JwkSetServer start(String jwkSetJson) {
        byte[] body = jwkSetJson.getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(PATH, exchange -> respond(exchange, body));
            server.start();
            return new JwkSetServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the JWK set server", e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, byte[] body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
