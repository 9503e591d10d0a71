package com.loyalty.chat.realtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.realtime.NodeTest;
import com.loyalty.chat.realtime.support.Events;
import com.loyalty.chat.realtime.support.SessionServiceStub;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

/** How a node finds out who takes part in a session someone types in, and whom it refuses. */
class TypingTest extends NodeTest {

    private final TestAccount user = TestAccount.next("打字的人");
    private final TestAccount admin = TestAccount.next("看打字的客服");
    private final String sessionId = Events.newSessionId();

    @Test
    void aSessionTheNodeHasNotHeardOfIsLookedUpOnceWithTheClientsOwnToken() {
        SessionServiceStub.shared().register(sessionId, user.userId(), admin.userId());
        String token = user.userToken();
        try (TestSocket typist = connect("/ws?token=" + token);
             TestSocket watcher = connect("/ws?token=" + admin.adminToken())) {
            watcher.awaitFrame("offline_messages");

            typist.send("typing_start", Map.of("sessionId", sessionId));
            typist.send("typing_stop", Map.of("sessionId", sessionId));

            await().until(() -> watcher.framesOfType("user_typing").size() == 2);
            assertThat(SessionServiceStub.shared().callsFor(user.userId()))
                    .singleElement()
                    .satisfies(call -> {
                        assertThat(call.method()).isEqualTo("GET");
                        assertThat(call.path()).isEqualTo("/api/v2/chat/sessions/" + sessionId);
                        assertThat(call.authorization()).isEqualTo("Bearer " + token);
                    });
        }
    }

    @Test
    void aSessionTheNodeLearntFromEventsNeedsNoLookUp() {
        try (TestSocket typist = connect("/ws?token=" + user.userToken());
             TestSocket watcher = connect("/ws?token=" + admin.adminToken())) {
            watcher.awaitFrame("offline_messages");
            Events.publish(Events.opened(sessionId, user.profile()));
            watcher.awaitFrame("new_session", "sessionId", sessionId);

            typist.send("typing_start", Map.of("sessionId", sessionId));

            assertThat(watcher.awaitFrame("user_typing", "sessionId", sessionId).path("data").path("userId").asLong())
                    .isEqualTo(user.userId());
            assertThat(SessionServiceStub.shared().callsFor(user.userId())).isEmpty();
        }
    }

    @Test
    void typingInAnotherUsersSessionIsAnsweredWith4004AndWithoutSessionIdWith4000() {
        SessionServiceStub.shared().register(sessionId, TestAccount.next("别人").userId(), null);
        try (TestSocket typist = connect("/chat?token=" + user.userToken())) {
            typist.send("typing_start", Map.of("sessionId", sessionId), "theirs");
            typist.send("typing_stop", Map.of(), "none");

            JsonNode notFound = typist.awaitFrame(frame -> "theirs".equals(frame.path("requestId").asString()));
            assertThat(notFound.path("type").asString()).isEqualTo("error");
            assertThat(notFound.path("data").path("code").asInt()).isEqualTo(4004);
            assertThat(notFound.path("data").path("requestType").asString()).isEqualTo("typing_start");
            JsonNode invalid = typist.awaitFrame(frame -> "none".equals(frame.path("requestId").asString()));
            assertThat(invalid.path("data").path("code").asInt()).isEqualTo(4000);
            assertThat(invalid.path("data").path("requestType").asString()).isEqualTo("typing_stop");
        }
    }
}
