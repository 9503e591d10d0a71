package com.loyalty.chat.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.localstack.LocalStackInitializer;

import reactor.core.publisher.Mono;

/**
 * With {@code CHAT_REALTIME_NODES_DNS} every address the name resolves to is a node, followed as the answer changes.
 * Two stand-in nodes listen on the same port at two loopback addresses, as pods behind a headless Service do; the
 * name's answer is the test's (the real lookup is {@link DnsNodeAddressesTest}'s).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.gateway.rate-limit.enabled=false", "chat.gateway.realtime-balancing.dns-refresh=200ms"})
@ContextConfiguration(initializers = LocalStackInitializer.class)
class RealtimeNodeDiscoveryTest {

    private static final String TOKEN = LocalStack.shared().tokens().issue(51, "13800000051", "u", false);
    private static final StubNode[] nodes = onOnePortAtTwoAddresses();
    private static final StubNode first = nodes[0];
    private static final StubNode second = nodes[1];
    private static final AtomicReference<List<InetAddress>> answer = new AtomicReference<>(List.of());

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void nodesByName(DynamicPropertyRegistry registry) {
        registry.add("CHAT_REALTIME_NODES_DNS", () -> "realtime.test:" + first.port());
    }

    @AfterAll
    static void stopNodes() {
        first.close();
        second.close();
    }

    @Test
    void everyAddressTheNameResolvesToTakesConnections() {
        answer.set(List.of(address("127.0.0.1"), address("127.0.0.2")));

        Set<String> reached = ConcurrentHashMap.newKeySet();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            reached.add(greetingOfANewConnection());
            assertThat(reached).containsExactlyInAnyOrder("first", "second");
        });
    }

    @Test
    void anAddressGoneFromTheAnswerTakesNoMoreConnections() {
        answer.set(List.of(address("127.0.0.1"), address("127.0.0.2")));
        answer.set(List.of(address("127.0.0.2")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            int before = first.handshakes();
            for (int connection = 0; connection < 3; connection++) {
                assertThat(greetingOfANewConnection()).isEqualTo("second");
            }
            assertThat(first.handshakes()).isEqualTo(before);
        });
    }

    /** A port free at 127.0.0.1 may be taken at 127.0.0.2 (or by a wildcard listener): another port then. */
    private static StubNode[] onOnePortAtTwoAddresses() {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            StubNode atFirst = StubNode.accepting("first", "127.0.0.1", 0);
            try {
                return new StubNode[] {atFirst, StubNode.accepting("second", "127.0.0.2", atFirst.port())};
            } catch (RuntimeException taken) {
                atFirst.close();
                last = taken;
            }
        }
        throw last;
    }

    private String greetingOfANewConnection() {
        try (TestSocket socket = TestSocket.connect(URI.create("ws://localhost:" + port + "/ws?token=" + TOKEN))) {
            return socket.awaitText(0).split(" ")[0];
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestConfiguration
    static class Answers {

        @Bean
        @Primary
        NodeAddresses testAnswers() {
            return host -> host.equals("realtime.test") ? Mono.fromSupplier(answer::get)
                    : Mono.error(new UnknownHostException(host));
        }
    }
}
