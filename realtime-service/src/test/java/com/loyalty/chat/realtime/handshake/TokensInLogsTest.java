package com.loyalty.chat.realtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.realtime.support.Nodes;
import com.loyalty.chat.realtime.support.Stubs;
import com.loyalty.chat.realtime.support.TestAccount;

/**
 * Tokens travel in the handshake's query string, so every log of the node must leave them out: a node of its own
 * with its access log on (it writes to the application log), and the application log captured.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.realtime.node.id=node-logs",
        "chat.realtime.handshake.access-log=true"})
@ContextConfiguration(initializers = {LocalStackInitializer.class, Stubs.class})
@ExtendWith(OutputCaptureExtension.class)
class TokensInLogsTest {

    private static final Logger log = LoggerFactory.getLogger(TokensInLogsTest.class);

    @LocalServerPort
    private int port;

    private final TestAccount account = TestAccount.next("日志");

    @Test
    void theAccessLogShowsTheHandshakesPathButNotItsToken(CapturedOutput output) {
        String token = account.adminToken();
        try (TestSocket client = TestSocket.connect(Nodes.uri(port, "/chat?type=admin&token=" + token))) {
            client.awaitFrame("connection_established");
        }

        String accessLog = await().until(output::getOut, content -> content.contains("GET /chat"));
        assertThat(accessLog).doesNotContain(token);
    }

    @Test
    void aLogLineCarryingATokenShowsItRedacted(CapturedOutput output) {
        String token = account.userToken();

        log.warn("Handshake GET /ws?token={}&type=user, Authorization: Bearer {}", token, token);

        assertThat(output.getOut()).contains("Handshake GET /ws?token=").doesNotContain(token);
    }

    @Test
    void anExceptionWhoseMessageCarriesATokenIsLoggedRedacted(CapturedOutput output) {
        String token = account.userToken();

        log.error("Handshake failed", new IllegalStateException(
                "Uncaught failure for request ws://127.0.0.1/ws?token=" + token,
                new IllegalArgumentException("bad token " + token)));

        assertThat(output.getOut()).contains("Uncaught failure for request").doesNotContain(token);
    }
}
