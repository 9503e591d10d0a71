package com.loyalty.chat.realtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a connection keeps of its handshake's query string: everything but the token. */
class HandshakeTokensTest {

    @Test
    void theTokenLeavesTheQueryStringAndEverythingElseStays() {
        assertThat(HandshakeTokens.withoutToken("token=abc.def.ghi")).isNull();
        assertThat(HandshakeTokens.withoutToken("token=abc&type=admin")).isEqualTo("type=admin");
        assertThat(HandshakeTokens.withoutToken("type=admin&token=abc")).isEqualTo("type=admin");
        assertThat(HandshakeTokens.withoutToken("type=user&token=abc&x=1")).isEqualTo("type=user&x=1");
        assertThat(HandshakeTokens.withoutToken("token")).isNull();
        assertThat(HandshakeTokens.withoutToken("tokens=1")).isEqualTo("tokens=1");
        assertThat(HandshakeTokens.withoutToken(null)).isNull();
    }
}
