package com.loyalty.chat.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for a Spring Boot service in launcher tests: listens on {@code SERVER_PORT} and behaves as
 * {@code FAKE_SERVICE} says. {@code GET /env} answers with the environment it was started with, {@code GET /jvm}
 * with its JVM options, one a line.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        String behaviour = System.getenv().getOrDefault("FAKE_SERVICE", "ready");
        System.out.println("fake service starting");
        if (behaviour.equals("crash")) {
            System.err.println("boom: cannot connect to anything");
            System.exit(3);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("fake service stopped gracefully");
            System.out.flush();
            if (behaviour.equals("stubborn")) {
                awaitForever();
            }
        }));
        if (behaviour.equals("access-log")) {
            writeAnAccessLineAsTomcatDoes();
        }
        if (behaviour.equals("with-child")) {
            Process child = new ProcessBuilder("sleep", "600").start();
            System.out.println("child pid " + child.pid());
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("SERVER_PORT"))), 0);
        server.createContext("/actuator/health/readiness", exchange -> respond(exchange, switch (behaviour) {
            case "health-only" -> 404;
            case "never-ready" -> 503;
            default -> 200;
        }, "{}"));
        server.createContext("/actuator/health", exchange -> respond(exchange, 200, "{}"));
        server.createContext("/env", exchange -> respond(exchange, 200, environmentAsLines()));
        server.createContext("/jvm", exchange -> respond(exchange, 200,
                String.join("\n", ManagementFactory.getRuntimeMXBean().getInputArguments())));
        server.start();
        System.out.flush();
    }

    private static String environmentAsLines() {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(System.getenv()).forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
        return lines.toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Tomcat's access log opens /dev/stdout anew (appending) and writes there between the JVM's own lines. */
    private static void writeAnAccessLineAsTomcatDoes() throws IOException {
        System.out.println("application line before");
        System.out.flush();
        try (FileOutputStream accessLog = new FileOutputStream("/dev/stdout", true)) {
            accessLog.write("ACCESS GET /api/v2/auth/me 200\n".getBytes(StandardCharsets.UTF_8));
        }
        System.out.println("application line after");
        System.out.flush();
    }

    private static void awaitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The environment a fake service reported, as a map. */
    static Map<String, String> parseEnvironment(String lines) {
        Map<String, String> environment = new TreeMap<>();
        lines.lines().forEach(line -> {
            int equals = line.indexOf('=');
            environment.put(line.substring(0, equals), line.substring(equals + 1));
        });
        return environment;
    }
}
