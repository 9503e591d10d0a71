package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;

import tools.jackson.databind.JsonNode;

/**
 * What clients see when parts of the system go away, and that nothing acknowledged is lost when they do. Each test
 * brings back what it killed and waits until it works as before ({@link Outage}), so test order does not matter.
 */
class ResilienceIT {

    private final String gateway = SystemUnderTest.gatewayUrl();
    private final Api api = new Api(gateway);

    @Test
    void anOwnerThatIsDownIs5003AndServesAgainOnceBack() {
        String admin = api.login("13612227930");
        try (Outage ignored = Outage.kill("stats-service")) {
            ErrorTableIT.assertError(api.get("/api/v2/admin/chat/stats/today", admin), 503, 5003);
        }
        assertThat(api.get("/api/v2/admin/chat/stats/today", admin).status()).isEqualTo(200);
    }

    @Test
    void aNodeKilledMidConversationLosesNoStoredMessage() {
        String userToken = api.login(IdentityIT.freshMobile());
        String adminToken = api.login("13612227930");
        TestSocket user = TestSocket.connect(gateway, "/ws", userToken);
        String userNode = user.awaitFrame("connection_established").path("data").path("nodeId").asString();
        String before = "崩溃前 " + UUID.randomUUID();
        user.send("send_message", TestSocket.data().put("content", before).put("messageType", "text")
                .put("tempMessageId", UUID.randomUUID().toString()));
        String sessionId = user.awaitFrame("message_sent").path("data").path("sessionId").asString();

        Outage outage = Outage.kill(userNode);
        try {
            user.awaitCloseCode();
            String whileAway = "您离线时的回复 " + UUID.randomUUID();
            Api.Answer reply = api.post("/api/v2/admin/chat/sessions/" + sessionId + "/messages", adminToken,
                    "{\"content\":\"" + whileAway + "\",\"messageType\":\"text\"}");
            assertThat(reply.status()).isBetween(200, 201);
            String replyId = reply.data().path("messageId").asString();

            try (TestSocket back = SystemUnderTest.connectToAnyLiveNode(gateway, "/ws", userToken)) {
                assertThat(back.awaitFrame("connection_established").path("data").path("nodeId").asString())
                        .isNotEqualTo(userNode);
                JsonNode offline = back.awaitFrame("offline_messages").path("data").path("messages");
                assertThat(offline.findValuesAsString("messageId")).contains(replyId);

                back.send("sync", TestSocket.data().put("sessionId", sessionId));
                JsonNode synced = back.awaitFrame("sync_messages").path("data");
                assertThat(synced.path("messages").findValuesAsString("content")).contains(before, whileAway);
            }
        } finally {
            user.close();
            outage.close();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/actuator/health/readiness", null).status() == 200);
    }
}
