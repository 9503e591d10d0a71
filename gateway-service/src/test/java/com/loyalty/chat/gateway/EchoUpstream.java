package com.loyalty.chat.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in owner service: answers every request with 200 and "METHOD /name/path?query", and reports in headers
 * what the gateway forwarded to it.
 */
final class EchoUpstream {

    static final String SEEN_REQUEST_ID = "Echo-Request-Id";
    static final String SEEN_FORWARDED_FOR = "Echo-Forwarded-For";

    private EchoUpstream() {
    }

    static HttpServer start(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                // As a service does, the whole request is read before it answers.
                exchange.getRequestBody().readAllBytes();
                byte[] body = (exchange.getRequestMethod() + " /" + name + exchange.getRequestURI())
                        .getBytes(StandardCharsets.UTF_8);
                echo(exchange, "X-Request-Id", SEEN_REQUEST_ID);
                echo(exchange, "X-Forwarded-For", SEEN_FORWARDED_FOR);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port that was free a moment ago and that nothing listens on: a service that is down. */
    static int portNobodyListensOn() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void echo(com.sun.net.httpserver.HttpExchange exchange, String header, String as) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            exchange.getResponseHeaders().set(as, value);
        }
    }
}
