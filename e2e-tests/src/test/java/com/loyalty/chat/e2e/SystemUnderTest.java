package com.loyalty.chat.e2e;

import java.nio.file.Path;
import java.util.Map;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.ChatStack;
import com.loyalty.chat.localstack.ChatStackOptions;
import com.loyalty.chat.localstack.SmsWebhook;

/**
 * The whole system as {@code ./run --realtime-nodes 2} starts it, on free ports, once for the whole suite; the
 * launcher's shutdown hook stops every process when the test JVM exits. As an operator would, it sets session-service's
 * SMS webhook (an endpoint in this JVM, {@link #sms()}) and a bootstrap admin.
 */
final class SystemUnderTest {

    private static final int REALTIME_NODES = 2;
    private static final int MAX_CONNECT_ATTEMPTS = 2 * REALTIME_NODES + 2;

    static final String SMS_WEBHOOK_AUTHORIZATION = "Bearer e2e-sms-webhook-secret";
    /** Not one of the development profile's seeded accounts: only the bootstrap can have made it an admin. */
    static final String BOOTSTRAP_ADMIN = "13700000042";

    private static ChatStack stack;
    private static SmsWebhook sms;

    private SystemUnderTest() {
    }

    static synchronized ChatStack stack() {
        gatewayUrl();
        return stack;
    }

    /** Where session-service delivers login codes. */
    static synchronized SmsWebhook sms() {
        gatewayUrl();
        return sms;
    }

    static synchronized String gatewayUrl() {
        if (stack == null) {
            Path projectRoot = Path.of(System.getProperty("chat.project.root", "..")).toAbsolutePath().normalize();
            sms = SmsWebhook.start();
            stack = ChatStack.start(ChatStackOptions.forTests(projectRoot)
                    .withRealtimeNodes(REALTIME_NODES)
                    .withLogDirectory(projectRoot.resolve("e2e-tests/target/stack-logs"))
                    .withEnvironment(Map.of(
                            "CHAT_SMS_WEBHOOK_URL", sms.url(),
                            "CHAT_SMS_WEBHOOK_AUTHORIZATION", SMS_WEBHOOK_AUTHORIZATION,
                            "CHAT_BOOTSTRAP_ADMINS", BOOTSTRAP_ADMIN)));
        }
        return stack.gatewayUrl().toString().replaceAll("/$", "");
    }

    /**
     * Connects through the gateway, retrying while the balancer picks a node that is down (as after a crash, until
     * the node list is fixed).
     */
    static TestSocket connectToAnyLiveNode(String gatewayUrl, String path, String token) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < MAX_CONNECT_ATTEMPTS; attempt++) {
            try {
                return TestSocket.connect(gatewayUrl, path, token);
            } catch (RuntimeException refused) {
                last = refused;
            }
        }
        throw last;
    }

    /**
     * Connects through the gateway until the connection lands on a different realtime node than {@code other}, so
     * a test proves that events cross nodes. The gateway balances round robin, so this takes one or two tries.
     */
    static TestSocket connectOnOtherNode(String gatewayUrl, String path, String token, TestSocket other) {
        String otherNode = other.awaitFrame("connection_established").path("data").path("nodeId").asString();
        for (int attempt = 0; attempt < MAX_CONNECT_ATTEMPTS; attempt++) {
            TestSocket candidate = TestSocket.connect(gatewayUrl, path, token);
            String node = candidate.awaitFrame("connection_established").path("data").path("nodeId").asString();
            if (!node.equals(otherNode)) {
                return candidate;
            }
            candidate.close();
        }
        throw new IllegalStateException("every connection landed on " + otherNode);
    }
}
