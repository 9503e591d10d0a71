package com.loyalty.chat.realtime.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.realtime.NodeTest;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

class TokenExpiryTest extends NodeTest {

    @Test
    void whenTheTokenExpiresTheClientHearsError4002AndTheConnectionClosesWith4002() {
        String token = TestAccount.next("令牌将过期").userTokenExpiringAt(Instant.now().plusSeconds(2));
        try (TestSocket client = connect("/ws?token=" + token)) {
            client.awaitFrame("offline_messages");

            JsonNode error = client.awaitFrame("error").path("data");

            assertThat(error.path("code").asInt()).isEqualTo(4002);
            assertThat(error.path("msg").asString()).isNotBlank();
            assertThat(client.awaitCloseCode()).isEqualTo(4002);
        }
    }
}
