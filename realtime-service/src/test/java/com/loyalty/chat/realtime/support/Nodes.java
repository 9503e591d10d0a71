package com.loyalty.chat.realtime.support;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.contracts.events.SenderType;

/**
 * Nodes read the event and signal topics from the end, so a test's events only arrive once the node's consumers have
 * their partitions and positions. This waits for that by publishing probes until an admin on the node sees them. Once per
 * test class: the test framework pauses a cached context while another runs, and its consumers start afresh when it
 * resumes.
 */
public final class Nodes {

    private static final Set<String> DELIVERING = ConcurrentHashMap.newKeySet();

    private Nodes() {
    }

    public static URI uri(int port, String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + port + pathAndQuery);
    }

    public static void awaitDelivering(int port, Class<?> testClass) {
        String node = port + "@" + testClass.getName();
        if (DELIVERING.contains(node)) {
            return;
        }
        TestAccount admin = TestAccount.next("probe admin");
        TestAccount user = TestAccount.next("probe user");
        try (TestSocket client = TestSocket.connect(uri(port, "/ws?token=" + admin.adminToken()))) {
            String sessionId = Events.newSessionId();
            await().pollInterval(Duration.ofMillis(500)).until(() -> {
                Events.publish(Events.opened(sessionId, user.profile()));
                return client.find(frame -> "new_session".equals(frame.path("type").asString())
                        && sessionId.equals(frame.path("data").path("sessionId").asString())).isPresent();
            });
            await().pollInterval(Duration.ofMillis(500)).until(() -> {
                Events.publish(Events.stored(sessionId, user.userId(), SenderType.USER, "probe user", "probe",
                        "temp_probe", user.userId(), null));
                return client.find(frame -> "new_message".equals(frame.path("type").asString())
                        && sessionId.equals(frame.path("data").path("sessionId").asString())).isPresent();
            });
            await().pollInterval(Duration.ofMillis(500)).until(() -> {
                Events.publish(Events.typing(sessionId, user.userId(), SenderType.USER, true, user.userId(), null));
                return client.find(frame -> "user_typing".equals(frame.path("type").asString())
                        && sessionId.equals(frame.path("data").path("sessionId").asString())).isPresent();
            });
        }
        DELIVERING.add(node);
    }
}
