package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.ChatStack;

/**
 * A service killed on purpose. Closing it restarts the service and returns only once the system is as the kill found
 * it, so that no later test depends on running before or after one that kills: the service is ready, its Kafka
 * consumers hold every partition again, and a request that needs the service makes the round trip.
 *
 * <p>A realtime node is ready only once its broadcast listeners have their partitions (its readiness says so), and
 * its group is its own run's, with nobody dead in it. session-, message- and stats-service consume in a group named
 * after the service, in which the killed process stays a member, holding its partitions, until its session times out;
 * so the group must have rebalanced onto members that joined after the kill.
 */
final class Outage implements AutoCloseable {

    /** The dead member's session must time out first (45 s by default) before the group rebalances. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);

    private final ChatStack stack;
    private final String name;
    private final Set<String> membersBeforeTheKill;

    private Outage(ChatStack stack, String name, Set<String> membersBeforeTheKill) {
        this.stack = stack;
        this.name = name;
        this.membersBeforeTheKill = membersBeforeTheKill;
    }

    /** Kills {@code name} at once (SIGKILL), as a crash would. */
    static Outage kill(String name) {
        ChatStack stack = SystemUnderTest.stack();
        Set<String> members = Set.of();
        if (!isRealtimeNode(name)) {
            members = memberIds(describe(stack, name));
            assertThat(members).as("members of the consumer group %s before the kill", name).isNotEmpty();
        }
        stack.kill(name);
        return new Outage(stack, name, members);
    }

    /** Restarts the service and waits until it works as before the kill. */
    @Override
    public void close() {
        stack.restart(name);
        if (isRealtimeNode(name)) {
            awaitRoundTripThroughTheNode();
            return;
        }
        await().atMost(SETTLE_TIMEOUT).untilAsserted(() -> assertSettled(describe(stack, name)));
        if (name.equals("stats-service")) {
            // From outside only the round trip shows that the projection not only has its partitions but consumes.
            awaitANewConversationInTodaysStats();
        }
    }

    private void assertSettled(ConsumerGroupDescription group) {
        assertThat(group.groupState()).as("state of %s", name).isEqualTo(GroupState.STABLE);
        Set<String> members = memberIds(group);
        assertThat(members).as("members of %s", name).isNotEmpty().doesNotContainAnyElementsOf(membersBeforeTheKill);
        Set<TopicPartition> assigned = group.members().stream()
                .flatMap(member -> member.assignment().topicPartitions().stream())
                .collect(Collectors.toSet());
        assertThat(assigned).as("partitions assigned in %s", name).containsAll(partitionsOfTheTopicsOf(group));
    }

    /** Every partition of each topic the group has consumed from or has been assigned. */
    private Set<TopicPartition> partitionsOfTheTopicsOf(ConsumerGroupDescription group) {
        try (Admin admin = admin(stack)) {
            Set<String> topics = new HashSet<>();
            admin.listConsumerGroupOffsets(name).partitionsToOffsetAndMetadata().get().keySet()
                    .forEach(partition -> topics.add(partition.topic()));
            group.members().forEach(member -> member.assignment().topicPartitions()
                    .forEach(partition -> topics.add(partition.topic())));
            return admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .collect(Collectors.toSet());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The stats projection consumes again: a session opened now is counted in today's figures. */
    private static void awaitANewConversationInTodaysStats() {
        Api api = new Api(SystemUnderTest.gatewayUrl());
        String admin = api.login("13612227930");
        long before = totalSessionsToday(api, admin);
        String user = api.login(IdentityIT.freshMobile());
        assertThat(api.post("/api/v2/chat/sessions", user, "{}").status()).isEqualTo(201);
        await().atMost(SETTLE_TIMEOUT).until(() -> totalSessionsToday(api, admin) > before);
    }

    private static long totalSessionsToday(Api api, String admin) {
        Api.Answer today = api.get("/api/v2/admin/chat/stats/today?scope=all", admin);
        assertThat(today.status()).isEqualTo(200);
        return today.data().path("stats").path("totalSessions").asLong();
    }

    /** A message sent on a connection to the node itself is stored and acknowledged through Kafka. */
    private void awaitRoundTripThroughTheNode() {
        Api api = new Api(SystemUnderTest.gatewayUrl());
        String token = api.login(IdentityIT.freshMobile());
        String tempId = "after-restart-" + UUID.randomUUID();
        try (TestSocket probe = TestSocket.connect(stack.serviceUrl(name).toString(), "/ws", token)) {
            probe.send("send_message", TestSocket.data().put("content", "重启后 " + tempId).put("messageType", "text")
                    .put("tempMessageId", tempId));
            probe.awaitFrame("message_sent", data -> tempId.equals(data.path("tempMessageId").asString()));
        }
    }

    private static boolean isRealtimeNode(String name) {
        return name.startsWith("realtime-");
    }

    private static ConsumerGroupDescription describe(ChatStack stack, String group) {
        try (Admin admin = admin(stack)) {
            return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> memberIds(ConsumerGroupDescription group) {
        return group.members().stream().map(MemberDescription::consumerId).collect(Collectors.toSet());
    }

    private static Admin admin(ChatStack stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.localStack().kafkaBootstrapServers()));
    }
}
