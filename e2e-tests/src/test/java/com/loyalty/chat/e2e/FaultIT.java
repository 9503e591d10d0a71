package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.ChatStack;

import tools.jackson.databind.JsonNode;

/**
 * Each service is killed (SIGKILL) while diners are writing, then restarted. Afterwards every message is
 * acknowledged and stored exactly once, no client is shown a message twice, and stats converge. The figures (how long
 * the restart took, how long after it the last message was acknowledged and stats caught up) are printed as
 * {@code FAULT ...} lines in the test output.
 */
class FaultIT {

    private static final int DINERS = 10;
    private static final int MESSAGES_BEFORE_THE_KILL = 15;
    private static final int MESSAGES_AFTER_THE_KILL = 15;
    private static final String REALTIME_NODE = "realtime node";
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    private final String gateway = SystemUnderTest.gatewayUrl();
    private final ChatStack stack = SystemUnderTest.stack();
    private final Api api = new Api(gateway);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"message-service", "session-service", "stats-service", REALTIME_NODE})
    void aServiceKilledUnderLoadLosesAndDuplicatesNothing(String service) {
        underLoad((adminNode, diners) -> {
            String victim = service.equals(REALTIME_NODE) ? otherNodeThan(adminNode) : service;
            stack.kill(victim);
            long killedAt = System.nanoTime();
            diners.forEach(diner -> diner.write(MESSAGES_AFTER_THE_KILL));
            stack.restart(victim);
            return new Recovery(victim + " killed", System.nanoTime() - killedAt);
        });
    }

    @Test
    void aDatabaseAwayFor20SecondsUnderLoadLosesAndDuplicatesNothing() {
        underLoad((adminNode, diners) -> {
            stack.localStack().stopDatabase();
            long stoppedAt = System.nanoTime();
            try {
                // The diners go on writing, a message each per round, for as long as the outage lasts.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).pollInSameThread()
                        .until(() -> {
                            diners.forEach(diner -> diner.write(1));
                            return System.nanoTime() - stoppedAt >= OUTAGE.toNanos();
                        });
            } finally {
                stack.localStack().restartDatabase();
            }
            return new Recovery("MariaDB stopped for " + OUTAGE.toSeconds() + " s", System.nanoTime() - stoppedAt);
        });
    }

    /**
     * Diners write, the fault happens (and is repaired) while they go on, then every message must be acknowledged and
     * stored exactly once, shown once, and counted once in stats.
     */
    private void underLoad(Fault fault) {
        String adminToken = api.login("13612227930");
        long messagesBefore = Settled.value(() -> todaysMessages(adminToken));
        try (TestSocket admin = TestSocket.connect(gateway, "/ws", adminToken)) {
            String adminNode = admin.awaitFrame("connection_established").path("data").path("nodeId").asString();
            List<Diner> diners = new ArrayList<>();
            for (int i = 0; i < DINERS; i++) {
                diners.add(new Diner(api.login(IdentityIT.freshMobile())));
            }
            try {
                diners.forEach(diner -> diner.write(MESSAGES_BEFORE_THE_KILL));
                Recovery recovery = fault.strike(adminNode, diners);
                long repairedAt = System.nanoTime();

                await().atMost(Duration.ofSeconds(120)).pollInSameThread().pollInterval(Duration.ofSeconds(2))
                        .until(() -> diners.stream().allMatch(Diner::allAcknowledgedElseResend));
                long acknowledgedAt = System.nanoTime();
                int total = diners.stream().mapToInt(Diner::written).sum();
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> todaysMessages(adminToken) >= messagesBefore + total);
                long statsAt = System.nanoTime();

                for (Diner diner : diners) {
                    diner.assertStoredExactlyOnce();
                }
                assertThat(todaysMessages(adminToken)).isEqualTo(messagesBefore + total);
                assertNoMessageShownTwice(admin);
                System.out.printf("FAULT %s with %d messages written: repaired after %.1f s; last message "
                                + "acknowledged %.1f s and stats converged %.1f s after the repair%n",
                        recovery.what(), total, seconds(recovery.nanos()), seconds(acknowledgedAt - repairedAt),
                        seconds(statsAt - repairedAt));
            } finally {
                diners.forEach(Diner::close);
            }
        }
    }

    @FunctionalInterface
    private interface Fault {
        Recovery strike(String adminNode, List<Diner> diners);
    }

    private record Recovery(String what, long nanos) {
    }

    private String otherNodeThan(String node) {
        return stack.realtimeNodeUrls().size() > 1 && node.equals("realtime-1") ? "realtime-2" : "realtime-1";
    }

    private long todaysMessages(String admin) {
        return api.get("/api/v2/admin/chat/stats/today?scope=all", admin).data().path("stats")
                .path("todayMessages").asLong();
    }

    private static void assertNoMessageShownTwice(TestSocket client) {
        Map<String, Long> shown = client.framesOfType("new_message").stream()
                .map(frame -> frame.path("data").findValue("messageId"))
                .filter(id -> id != null)
                .collect(Collectors.groupingBy(JsonNode::asString, Collectors.counting()));
        assertThat(shown.values()).allMatch(count -> count == 1);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /**
     * A diner who writes into one session and, like a real client, resends whatever was not acknowledged with the
     * same {@code tempMessageId} (reconnecting when its node went away) until it is.
     */
    private final class Diner {

        private final String token;
        private final String sessionId;
        private final Map<String, String> acknowledged = new HashMap<>();
        private final Map<String, String> contents = new LinkedHashMap<>();
        private final List<TestSocket> connections = new ArrayList<>();

        Diner(String token) {
            this.token = token;
            this.sessionId = api.post("/api/v2/chat/sessions", token, "{}").data().path("sessionId").asString();
            connect();
        }

        void write(int messages) {
            for (int i = 0; i < messages; i++) {
                String tempId = "fault-" + UUID.randomUUID();
                contents.put(tempId, "故障测试 " + contents.size());
                send(tempId);
            }
        }

        boolean allAcknowledgedElseResend() {
            if (current().closedByServer()) {
                connect();
            }
            for (TestSocket connection : connections) {
                for (JsonNode sent : connection.framesOfType("message_sent")) {
                    String tempId = sent.path("data").path("tempMessageId").asString();
                    String messageId = sent.path("data").path("messageId").asString();
                    String earlier = acknowledged.putIfAbsent(tempId, messageId);
                    assertThat(earlier == null || earlier.equals(messageId))
                            .as("a retry of %s answered another message id", tempId).isTrue();
                }
            }
            List<String> missing = contents.keySet().stream().filter(id -> !acknowledged.containsKey(id)).toList();
            // Within the connection's rate limit; the rest goes on the next poll.
            missing.stream().limit(15).forEach(this::send);
            return missing.isEmpty();
        }

        void assertStoredExactlyOnce() {
            JsonNode history = api.get("/api/v2/chat/sessions/" + sessionId + "/messages?pageSize=50", token).data();
            List<String> stored = history.path("messages").findValuesAsString("messageId");
            assertThat(stored).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged.values());
            assertThat(history.path("messages").findValuesAsString("content"))
                    .containsExactlyInAnyOrderElementsOf(contents.values());
        }

        int written() {
            return contents.size();
        }

        void close() {
            connections.forEach(TestSocket::close);
        }

        private void send(String tempId) {
            try {
                current().send("send_message", TestSocket.data().put("sessionId", sessionId)
                        .put("content", contents.get(tempId)).put("messageType", "text").put("tempMessageId", tempId));
            } catch (RuntimeException connectionLost) {
                // Sent again once the diner has reconnected.
            }
        }

        private void connect() {
            TestSocket connection = SystemUnderTest.connectToAnyLiveNode(gateway, "/ws", token);
            connection.awaitFrame("connection_established");
            connections.add(connection);
        }

        private TestSocket current() {
            return connections.getLast();
        }
    }
}
