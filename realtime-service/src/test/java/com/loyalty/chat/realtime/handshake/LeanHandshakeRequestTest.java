package com.loyalty.chat.realtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a connection keeps of its handshake's query string: everything but the token. */
class LeanHandshakeRequestTest {

    @Test
    void theTokenLeavesTheQueryStringAndEverythingElseStays() {
        assertThat(LeanHandshakeRequest.withoutToken("token=abc.def.ghi")).isNull();
        assertThat(LeanHandshakeRequest.withoutToken("token=abc&type=admin")).isEqualTo("type=admin");
        assertThat(LeanHandshakeRequest.withoutToken("type=admin&token=abc")).isEqualTo("type=admin");
        assertThat(LeanHandshakeRequest.withoutToken("type=user&token=abc&x=1")).isEqualTo("type=user&x=1");
        assertThat(LeanHandshakeRequest.withoutToken("token")).isNull();
        assertThat(LeanHandshakeRequest.withoutToken("tokens=1")).isEqualTo("tokens=1");
        assertThat(LeanHandshakeRequest.withoutToken(null)).isNull();
    }
}
