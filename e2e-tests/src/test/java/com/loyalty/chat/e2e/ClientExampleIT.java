package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * examples/client.mjs, the client example of docs/client.md, against the system: it logs in, sends, reconnects,
 * sends again with the same tempMessageId and syncs. Skipped where there is no {@code node}.
 */
class ClientExampleIT {

    private static final String RESULT = "RESULT ";

    private final Api api = new Api(SystemUnderTest.gatewayUrl());

    @Test
    void theClientExampleSendsOnceReconnectsAndSyncs() throws Exception {
        int nodeMajor = nodeMajorVersion().orElse(0);
        Assumptions.assumeTrue(nodeMajor > 0, "node is not installed");
        Path projectRoot = Path.of(System.getProperty("chat.project.root", "..")).toAbsolutePath().normalize();
        String mobile = IdentityIT.freshMobile();
        List<String> command = new ArrayList<>(List.of("node"));
        if (nodeMajor < 22) {
            command.add("--experimental-websocket");
        }
        command.add(projectRoot.resolve("examples/client.mjs").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CHAT_URL", SystemUnderTest.gatewayUrl());
        builder.environment().put("CHAT_MOBILE", mobile);

        Process client = builder.start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.waitFor(2, TimeUnit.MINUTES)).as(output).isTrue();

        assertThat(client.exitValue()).as(output).isZero();
        JsonNode result = JsonMapper.builder().build().readTree(output.lines()
                .filter(line -> line.startsWith(RESULT)).findFirst().orElseThrow().substring(RESULT.length()));
        assertThat(result.path("resentMessageId").asString()).isEqualTo(result.path("messageId").asString());
        assertThat(result.path("syncedAfter").asInt()).isZero();
        Api.Answer history = api.get("/api/v2/chat/sessions/" + result.path("sessionId").asString() + "/messages",
                api.login(mobile));
        assertThat(history.data().path("messages").valueStream().map(message -> message.path("messageId").asString()))
                .containsExactly(result.path("messageId").asString());
    }

    private static Optional<Integer> nodeMajorVersion() throws InterruptedException {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            node.waitFor(30, TimeUnit.SECONDS);
            return Optional.of(Integer.parseInt(version.replaceFirst("^v(\\d+).*", "$1")));
        } catch (IOException | NumberFormatException noNode) {
            return Optional.empty();
        }
    }
}
