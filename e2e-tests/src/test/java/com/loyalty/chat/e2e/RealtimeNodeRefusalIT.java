package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.ChatStack;

/**
 * A real node's refusal through the gateway: a realtime node started with room for one connection, behind a gateway
 * of its own whose other node is down. The suite's stack carries the rest (Kafka, session- and message-service).
 */
class RealtimeNodeRefusalIT {

    private static final Path ROOT = Path.of(System.getProperty("chat.project.root", "..")).toAbsolutePath().normalize();
    private static final List<Process> processes = new ArrayList<>();

    private static String gateway;

    @BeforeAll
    static void startATinyNodeBehindAGatewayOfItsOwn() {
        ChatStack stack = SystemUnderTest.stack();
        int nodePort = freePort();
        int downPort = freePort();
        int gatewayPort = freePort();
        String session = stack.serviceUrl("session-service").toString();
        launch("realtime-service", "realtime-tiny", Map.of(
                "SERVER_PORT", String.valueOf(nodePort),
                "CHAT_NODE_ID", "realtime-tiny",
                "CHAT_REALTIME_CONNECTION_MAXCONNECTIONS", "1",
                "KAFKA_BOOTSTRAP_SERVERS", stack.localStack().kafkaBootstrapServers(),
                "CHAT_JWK_SET_URI", session + "/.well-known/jwks.json",
                "CHAT_SESSION_SERVICE_URL", session,
                "CHAT_MESSAGE_SERVICE_URL", stack.serviceUrl("message-service").toString()));
        launch("gateway-service", "gateway-tiny", Map.of(
                "SERVER_PORT", String.valueOf(gatewayPort),
                "CHAT_REALTIME_NODES", "http://127.0.0.1:" + nodePort + ",http://127.0.0.1:" + downPort,
                "CHAT_JWK_SET_URI", session + "/.well-known/jwks.json",
                "CHAT_SESSION_SERVICE_URL", session));
        gateway = "http://127.0.0.1:" + gatewayPort;
        awaitReady("http://127.0.0.1:" + nodePort);
        awaitReady(gateway);
    }

    @AfterAll
    static void stopThem() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aClientPastEveryNodesRoomHears503With5003AndRetryAfterInsteadOfAClosedUpgrade() {
        Api api = new Api(SystemUnderTest.gatewayUrl());
        String first = api.login(IdentityIT.freshMobile());
        String second = api.login(IdentityIT.freshMobile());
        try (TestSocket holder = TestSocket.connect(gateway, "/ws", first)) {
            assertThat(holder.awaitFrame("connection_established").path("data").path("nodeId").asString())
                    .as("the node that is down is skipped").isEqualTo("realtime-tiny");

            Api.Answer refused = new Api(gateway).handshake("/ws?token=" + second);

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body().path("code").asInt()).isEqualTo(5003);
            assertThat(Integer.parseInt(refused.retryAfter())).isPositive();
        }
    }

    private static void launch(String module, String name, Map<String, String> environment) {
        try (Stream<Path> jars = Files.list(ROOT.resolve(module).resolve("target"))) {
            Path jar = jars.filter(path -> path.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No executable jar in " + module + "/target"));
            Path log = ROOT.resolve("e2e-tests/target/stack-logs").resolve(name + ".log");
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-XX:+ExitOnOutOfMemoryError", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            processes.add(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitReady(String base) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
