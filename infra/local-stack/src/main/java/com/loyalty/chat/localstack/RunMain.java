package com.loyalty.chat.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code ./run}: the whole backend on the default ports until Ctrl-C. */
public final class RunMain {

    private RunMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunArguments arguments;
        try {
            arguments = RunArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(RunArguments.USAGE);
            System.exit(2);
            return;
        }
        if (arguments.help()) {
            System.out.print(RunArguments.USAGE);
            return;
        }

        // ./run starts this from the project root.
        ChatStackOptions options = arguments.applyTo(ChatStackOptions.forRun(Path.of("")));
        long startedAt = System.nanoTime();
        ChatStack stack;
        try {
            stack = ChatStack.start(options);
        } catch (RuntimeException e) {
            System.err.println("The chat backend did not start: " + e.getMessage());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                System.err.println("  because " + cause);
            }
            System.exit(1);
            return;
        }
        System.out.print(summary(stack, Duration.ofNanos(System.nanoTime() - startedAt)));
        // Ctrl-C or SIGTERM runs the stack's shutdown hook, which stops every process.
        Thread.currentThread().join();
    }

    static String summary(ChatStack stack, Duration startUp) {
        StringBuilder text = new StringBuilder()
                .append("\nThe chat backend is up (started in ").append(startUp.toSeconds()).append(" s).\n\n")
                .append(line("Gateway", http(stack.gatewayUrl())))
                .append(line("Console", http(stack.gatewayUrl()) + "/console/   (diner page: /diner/)"))
                .append(line("WebSocket", ws(stack.gatewayUrl(), "/ws") + "   " + ws(stack.gatewayUrl(), "/chat")));
        for (int node = 0; node < stack.realtimeNodeUrls().size(); node++) {
            URI url = stack.realtimeNodeUrls().get(node);
            text.append(line("realtime-" + (node + 1), http(url) + "   " + ws(url, "/ws") + "   " + ws(url, "/chat")));
        }
        Map<String, URI> services = new LinkedHashMap<>();
        for (String service : new String[] {ServiceJars.SESSION, ServiceJars.MESSAGE, ServiceJars.STATS}) {
            services.put(service, stack.serviceUrl(service));
            text.append(line(service, http(stack.serviceUrl(service))));
        }
        for (int node = 0; node < stack.realtimeNodeUrls().size(); node++) {
            services.put("realtime-" + (node + 1), stack.realtimeNodeUrls().get(node));
        }
        services.put(ServiceJars.GATEWAY, stack.gatewayUrl());
        LocalStack localStack = stack.localStack();
        return text
                .append(line("MariaDB", "127.0.0.1:" + localStack.databasePort() + "   user root, empty password"))
                .append(line("Kafka", localStack.kafkaBootstrapServers()))
                .append(line("Logs", stack.logDirectory().toString()))
                .append(line("Data", stack.localStack().dataDirectory() + "   (kept; ./run --fresh starts empty)"))
                .append(observability(stack.gatewayUrl(), services))
                .append("\nDemo logins (SMS code 123456):\n")
                .append(line("admin", "13612227930   (userId 31, also a user)"))
                .append(line("second admin", "13612227931"))
                .append(line("user", "13800000001"))
                .append("\nCtrl-C stops everything.\n")
                .toString();
    }

    /** Where the API description, each process's metrics and the traces are. */
    static String observability(URI gateway, Map<String, URI> services) {
        StringBuilder text = new StringBuilder()
                .append("\nAPI description:\n")
                .append(line("OpenAPI", http(gateway) + "/api/v2/docs   (every REST path, as the gateway serves it)"))
                .append(line("Swagger UI", http(gateway) + "/api/v2/docs/ui"))
                .append(line("WebSocket", "docs/asyncapi.yaml   (AsyncAPI: /ws and /chat)"))
                .append(line("Client example", "docs/client.md"))
                .append("\nMetrics (Prometheus format):\n");
        services.forEach((name, url) -> text.append(line(name, http(url) + "/actuator/prometheus")));
        return text
                .append("\nTraces: off; to send them to an OTLP collector (docs/observability.md), start with\n")
                .append("  CHAT_TRACING=true CHAT_TRACING_SAMPLING=1.0 \\\n")
                .append("  CHAT_OTLP_ENDPOINT=http://<collector>:4318/v1/traces ./run\n")
                .toString();
    }

    private static String line(String label, String value) {
        return String.format("  %-16s %s%n", label, value);
    }

    private static String http(URI url) {
        return "http://localhost:" + url.getPort();
    }

    private static String ws(URI url, String path) {
        return "ws://localhost:" + url.getPort() + path;
    }
}
