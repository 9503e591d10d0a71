package com.loyalty.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatStackTest {

    @TempDir
    Path projectRoot;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsEveryServiceWithItsPortAndTheAddressesOfTheOthers() throws Exception {
        ServiceJars.MODULES.forEach(module -> FakeServices.writeExecutableJar(ServiceJars.of(projectRoot, module)));

        try (ChatStack stack = ChatStack.start(ChatStackOptions.forTests(projectRoot).withRealtimeNodes(2))) {
            URI session = stack.serviceUrl("session-service");
            List<URI> nodes = stack.realtimeNodeUrls();
            Map<String, String> gateway = environmentOf(stack.gatewayUrl());
            Map<String, String> secondNode = environmentOf(nodes.get(1));
            Map<String, String> message = environmentOf(stack.serviceUrl("message-service"));

            assertThat(gateway).containsEntry("SERVER_PORT", String.valueOf(stack.gatewayUrl().getPort()))
                    .containsEntry("CHAT_REALTIME_NODES", nodes.get(0) + "," + nodes.get(1))
                    .containsEntry("CHAT_SESSION_SERVICE_URL", session.toString())
                    .containsEntry("CHAT_MESSAGE_SERVICE_URL", stack.serviceUrl("message-service").toString())
                    .containsEntry("CHAT_STATS_SERVICE_URL", stack.serviceUrl("stats-service").toString())
                    .containsEntry("CHAT_JWK_SET_URI", session + "/.well-known/jwks.json");
            assertThat(secondNode).containsEntry("CHAT_NODE_ID", "realtime-2")
                    .containsEntry("SERVER_PORT", String.valueOf(nodes.get(1).getPort()));
            assertThat(message).containsEntry("CHAT_DB_HOST", "127.0.0.1")
                    .containsEntry("CHAT_DB_PORT", String.valueOf(stack.localStack().databasePort()))
                    .containsEntry("CHAT_DB_USER", "root")
                    .containsEntry("CHAT_DB_PASSWORD", "")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", stack.localStack().kafkaBootstrapServers())
                    .containsEntry("CHAT_JWT_PRIVATE_KEY_FILE", stack.localStack().privateKeyFile().toString())
                    .containsEntry("SPRING_PROFILES_ACTIVE", "dev");
            assertThat(projectRoot.resolve(".run/logs/realtime-2.log")).content().contains("fake service starting");
        }
    }

    @Test
    void closingStopsEveryServiceAndThenTheLocalStack() {
        ServiceJars.MODULES.forEach(module -> FakeServices.writeExecutableJar(ServiceJars.of(projectRoot, module)));
        ChatStack stack = ChatStack.start(ChatStackOptions.forTests(projectRoot));
        List<Integer> ports = new ArrayList<>();
        for (String name : List.of("session-service", "message-service", "stats-service", "realtime-1",
                "gateway-service")) {
            ports.add(stack.serviceUrl(name).getPort());
        }
        ports.add(stack.localStack().databasePort());

        stack.close();

        assertThat(ports).allSatisfy(port -> assertThat(canBind(port)).as("port %d is free", port).isTrue());
        assertThat(projectRoot.resolve(".run/logs/gateway-service.log")).content()
                .contains("fake service stopped gracefully");
    }

    @Test
    void aKilledServiceIsGoneAtOnceAndComesBackOnItsPortWhenRestarted() throws Exception {
        ServiceJars.MODULES.forEach(module -> FakeServices.writeExecutableJar(ServiceJars.of(projectRoot, module)));

        try (ChatStack stack = ChatStack.start(ChatStackOptions.forTests(projectRoot).withRealtimeNodes(2))) {
            URI node = stack.serviceUrl("realtime-2");

            stack.kill("realtime-2");

            assertThat(canBind(node.getPort())).as("nothing listens on the killed node's port").isTrue();
            assertThat(projectRoot.resolve(".run/logs/realtime-2.log")).content()
                    .doesNotContain("fake service stopped gracefully");
            assertThatThrownBy(() -> stack.kill("realtime-2")).hasMessageContaining("not running");

            stack.restart("realtime-2");

            assertThat(environmentOf(node)).containsEntry("CHAT_NODE_ID", "realtime-2")
                    .containsEntry("SERVER_PORT", String.valueOf(node.getPort()));
            assertThatThrownBy(() -> stack.restart("realtime-2")).hasMessageContaining("is running");
        }
    }

    @Test
    void everyProcessIsToldItsNameAsInstanceIdAgainWhenRestarted() throws Exception {
        ServiceJars.MODULES.forEach(module -> FakeServices.writeExecutableJar(ServiceJars.of(projectRoot, module)));

        try (ChatStack stack = ChatStack.start(ChatStackOptions.forTests(projectRoot).withRealtimeNodes(2))) {
            for (String name : List.of("session-service", "message-service", "stats-service", "realtime-1",
                    "realtime-2", "gateway-service")) {
                assertThat(environmentOf(stack.serviceUrl(name))).as(name).containsEntry("CHAT_INSTANCE_ID", name);
            }

            stack.kill("stats-service");
            stack.restart("stats-service");

            assertThat(environmentOf(stack.serviceUrl("stats-service")))
                    .containsEntry("CHAT_INSTANCE_ID", "stats-service");
        }
    }

    @Test
    void servicesRunWithTheGivenJvmOptionsInsteadOfTheDefaults() throws Exception {
        ServiceJars.MODULES.forEach(module -> FakeServices.writeExecutableJar(ServiceJars.of(projectRoot, module)));
        ChatStackOptions options = ChatStackOptions.forTests(projectRoot)
                .withJvmOptions(List.of("-Xmx200m", "-Dchat.marker=given"));

        try (ChatStack stack = ChatStack.start(options)) {
            assertThat(jvmOptionsOf(stack.serviceUrl("message-service")))
                    .contains("-Xmx200m", "-Dchat.marker=given")
                    .doesNotContainAnyElementsOf(ChatStackOptions.DEFAULT_JVM_OPTIONS);
        }
    }

    @Test
    void variablesOfTheOptionsReachEveryServiceAgainWhenRestarted() throws Exception {
        ServiceJars.MODULES.forEach(module -> FakeServices.writeExecutableJar(ServiceJars.of(projectRoot, module)));
        ChatStackOptions options = ChatStackOptions.forTests(projectRoot)
                .withEnvironment(Map.of("CHAT_BOOTSTRAP_ADMINS", "13700000001"));

        try (ChatStack stack = ChatStack.start(options)) {
            stack.kill("session-service");
            stack.restart("session-service");

            for (String name : List.of("session-service", "message-service", "stats-service", "realtime-1",
                    "gateway-service")) {
                assertThat(environmentOf(stack.serviceUrl(name))).as(name)
                        .containsEntry("CHAT_BOOTSTRAP_ADMINS", "13700000001");
            }
        }
    }

    @Test
    void variablesOfTheOptionsReplaceTheStacksOwn() throws Exception {
        ServiceJars.MODULES.forEach(module -> FakeServices.writeExecutableJar(ServiceJars.of(projectRoot, module)));
        ChatStackOptions options = ChatStackOptions.forTests(projectRoot)
                .withEnvironment(Map.of("SPRING_PROFILES_ACTIVE", "production"));

        try (ChatStack stack = ChatStack.start(options)) {
            assertThat(environmentOf(stack.serviceUrl("session-service")))
                    .containsEntry("SPRING_PROFILES_ACTIVE", "production");
        }
    }

    @Test
    void refusesToStartBeforeTheServicesAreBuilt() {
        FakeServices.writeExecutableJar(ServiceJars.of(projectRoot, "session-service"));

        assertThatThrownBy(() -> ChatStack.start(ChatStackOptions.forTests(projectRoot)))
                .hasMessageContaining(ServiceJars.of(projectRoot, "gateway-service").toString())
                .hasMessageContaining("mvn -B -q -DskipTests package")
                .hasMessageNotContaining(ServiceJars.of(projectRoot, "session-service").toString());
        assertThat(projectRoot.resolve(".run")).doesNotExist();
    }

    private Map<String, String> environmentOf(URI service) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve("/env")).build(),
                HttpResponse.BodyHandlers.ofString());
        return FakeService.parseEnvironment(response.body());
    }

    private List<String> jvmOptionsOf(URI service) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(service.resolve("/jvm")).build(), HttpResponse.BodyHandlers.ofString())
                .body().lines().toList();
    }

    private static boolean canBind(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
