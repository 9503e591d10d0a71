package com.loyalty.chat.bench.connections;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawSocketsTest {

    private static final String ESTABLISHED = "{\"type\":\"connection_established\",\"data\":{\"connectionId\":"
            + "\"3f2b8c1e-7a4d-4e1f-9b2a-5c6d7e8f9a0b\",\"userId\":1234567,\"isAdmin\":false,\"nodeId\":\"realtime-2\","
            + "\"heartbeatInterval\":90000,\"serverTime\":\"2026-11-27T18:00:00Z\"}}";

    @Test
    void readsTheNodeIdOfConnectionEstablished() {
        assertThat(RawSockets.typeOf(ESTABLISHED)).isEqualTo("connection_established");
        assertThat(RawSockets.stringField(ESTABLISHED, "nodeId")).isEqualTo("realtime-2");
    }

    @Test
    void aFieldCutOffByThePrefixIsNotThere() {
        String cut = ESTABLISHED.substring(0, ESTABLISHED.indexOf("realtime-2") + 4);
        assertThat(RawSockets.stringField(cut, "nodeId")).isNull();
        assertThat(RawSockets.typeOf("{\"data\":{}}")).isEqualTo("?");
    }
}
