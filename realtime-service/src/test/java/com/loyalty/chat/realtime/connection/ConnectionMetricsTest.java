package com.loyalty.chat.realtime.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.realtime.NodeTest;
import com.loyalty.chat.realtime.support.TestAccount;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

class ConnectionMetricsTest extends NodeTest {

    private final TestAccount account = TestAccount.next("metrics user");

    @Autowired
    private MeterRegistry registry;

    @Test
    void theConnectionGaugeCountsAConnectionInItsDialectWhileItIsOpen() {
        double before = connections("chat");
        try (TestSocket client = connect("/chat?token=" + account.userToken())) {
            client.awaitFrame("connection_established");
            assertThat(connections("chat")).isEqualTo(before + 1);
        }
        await().until(() -> connections("chat") == before);
    }

    @Test
    void handshakesCountByOutcomeAndStatus() throws Exception {
        double accepted = handshakes("accepted", "101");
        double refused = handshakes("refused", "401");

        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.awaitFrame("connection_established");
        }
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ws"))
                .build(), HttpResponse.BodyHandlers.discarding());

        await().until(() -> handshakes("accepted", "101") == accepted + 1);
        await().until(() -> handshakes("refused", "401") == refused + 1);
    }

    @Test
    void framesCountInAndOut() {
        try (TestSocket client = connect("/ws?token=" + account.userToken())) {
            client.awaitFrame("connection_established");
            double in = frames("in");
            double out = frames("out");

            client.send(JsonMapper.builder().build().valueToTree(Map.of("type", "ping", "requestId", "p-1")));
            client.awaitFrame("pong");

            assertThat(frames("in")).isEqualTo(in + 1);
            await().until(() -> frames("out") >= out + 1);
        }
    }

    private double connections(String dialect) {
        return registry.get("chat.realtime.connections").tag("dialect", dialect).gauge().value();
    }

    private double handshakes(String outcome, String status) {
        Counter counter = registry.find("chat.realtime.handshakes").tags("outcome", outcome, "status", status)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double frames(String direction) {
        return registry.get("chat.realtime.frames").tag("direction", direction).counter().count();
    }
}
