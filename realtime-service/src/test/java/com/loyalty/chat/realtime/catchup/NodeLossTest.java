package com.loyalty.chat.realtime.catchup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.realtime.NodeTest;
import com.loyalty.chat.realtime.support.Events;
import com.loyalty.chat.realtime.support.Kafka;
import com.loyalty.chat.realtime.support.MessageServiceStub;
import com.loyalty.chat.realtime.support.Nodes;
import com.loyalty.chat.realtime.support.SecondNode;
import com.loyalty.chat.realtime.support.SessionServiceStub;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

/**
 * A node that goes away while its clients talk, crashing or shutting down: node A (this test's context) survives,
 * and a node of the test's own goes.
 */
class NodeLossTest extends NodeTest {

    private final TestAccount user = TestAccount.next("断线用户");
    private final TestAccount admin = TestAccount.next("在线客服");
    private final String sessionId = Events.newSessionId();
    private final MessageServiceStub messageService = MessageServiceStub.shared();
    private ConfigurableApplicationContext doomed;

    @AfterEach
    void closeDoomedNode() {
        doomed.close();
    }

    @Test
    void aNodeKilledMidConversationLosesNoStoredMessageItsClientsCatchUpOnAnotherNode() {
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        doomed = SecondNode.start("node-doomed");
        int doomedPort = SecondNode.portOf(doomed);
        Nodes.awaitDelivering(doomedPort, getClass());
        try (TestSocket adminOnA = connect("/ws?token=" + admin.adminToken())) {
            adminOnA.awaitFrame("offline_messages");
            String question;
            String reply;
            String inFlight;
            try (TestSocket userOnDoomed = TestSocket.connect(Nodes.uri(doomedPort, "/ws?token=" + user.userToken()))) {
                userOnDoomed.awaitFrame("offline_messages");
                userOnDoomed.send("send_message", Map.of("sessionId", sessionId, "content", "我的积分呢",
                        "tempMessageId", "temp_q"));
                question = userOnDoomed.awaitFrame("message_sent").path("data").path("messageId").asString();
                adminOnA.awaitFrame("new_message", "messageId", question);
                adminOnA.send("chat_message", Map.of("sessionId", sessionId, "content", "正在查",
                        "tempMessageId", "temp_a1"));
                reply = messageService.awaitStored(admin.userId(), "temp_a1").messageId();
                userOnDoomed.awaitFrame("new_message", "messageId", reply);
                userOnDoomed.send("send_message", Map.of("sessionId", sessionId, "content", "快点",
                        "tempMessageId", "temp_inflight"));
                inFlight = messageService.awaitStored(user.userId(), "temp_inflight").messageId();
                adminOnA.awaitFrame("new_message", "messageId", inFlight);

                // A crash: the web server stops under the clients, without the node's orderly goodbye.
                ((WebServerApplicationContext) doomed).getWebServer().stop();
                await().until(userOnDoomed::closedByServer);
            }
            adminOnA.send("chat_message", Map.of("sessionId", sessionId, "content", "查到了，已补发",
                    "tempMessageId", "temp_a2"));
            String answerWhileAway = messageService.awaitStored(admin.userId(), "temp_a2").messageId();

            try (TestSocket userOnA = connect("/ws?token=" + user.userToken())) {
                JsonNode missed = userOnA.awaitFrame("offline_messages").path("data").path("messages");
                assertThat(missed.valueStream().map(message -> message.path("messageId").asString()))
                        .contains(answerWhileAway);

                // The client never heard message_sent for its last message, so it sends it again; that is harmless.
                userOnA.send("send_message", Map.of("sessionId", sessionId, "content", "快点",
                        "tempMessageId", "temp_inflight"), "resend");
                JsonNode acknowledged = userOnA.awaitFrame("message_sent");
                assertThat(acknowledged.path("data").path("messageId").asString()).isEqualTo(inFlight);
                assertThat(acknowledged.path("requestId").asString()).isEqualTo("resend");

                userOnA.send("sync", Map.of("sessionId", sessionId, "afterMessageId", question));
                JsonNode synced = userOnA.awaitFrame("sync_messages").path("data").path("messages");
                List<String> after = synced.valueStream().map(message -> message.path("messageId").asString())
                        .toList();
                assertThat(after).containsExactly(reply, inFlight, answerWhileAway);
                assertThat(adminOnA.frames()).filteredOn(frame -> inFlight.equals(
                        frame.path("data").path("messageId").asString())).hasSize(1);
            }
        }
    }

    @Test
    void aNodeShuttingDownTellsItsClientsToReconnectAndAnnouncesTheirDeparture() {
        doomed = SecondNode.start("node-stopping");
        int doomedPort = SecondNode.portOf(doomed);
        try (TopicReader<JsonNode> presence = Kafka.tail(Topics.PRESENCE_EVENTS);
             TestSocket userOnDoomed = TestSocket.connect(Nodes.uri(doomedPort, "/ws?token=" + user.userToken()));
             TestSocket adminOnDoomed = TestSocket.connect(
                     Nodes.uri(doomedPort, "/chat?type=admin&token=" + admin.adminToken()))) {
            List<String> connections = List.of(userOnDoomed, adminOnDoomed).stream()
                    .map(client -> client.awaitFrame("connection_established").path("data").path("connectionId")
                            .asString())
                    .toList();

            doomed.close();

            assertThat(userOnDoomed.awaitCloseCode()).isEqualTo(1012);
            assertThat(adminOnDoomed.awaitCloseCode()).isEqualTo(1012);
            for (String connectionId : connections) {
                presence.awaitRecord(record -> "ConnectionClosed".equals(record.value().path("type").asString())
                        && connectionId.equals(record.value().path("connectionId").asString()));
            }
        }
    }
}
