package com.loyalty.chat.bench.messages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FramesTest {

    private static final String NEW_MESSAGE = "{\"type\":\"new_message\",\"data\":{\"sessionId\":\"session_1_ab\","
            + "\"messageType\":\"text\",\"tempMessageId\":\"bx-42\",\"sequence\":7,"
            + "\"createdAt\":\"2026-01-01T00:00:00.123Z\"},\"timestamp\":\"t\",\"messageId\":\"msg_1\"}";

    @Test
    void theTypeIsTheTopLevelOneNotMessageType() {
        assertThat(Frames.type(NEW_MESSAGE)).isEqualTo("new_message");
    }

    @Test
    void readsStringAndNumberFields() {
        assertThat(Frames.field(NEW_MESSAGE, "tempMessageId")).isEqualTo("bx-42");
        assertThat(Frames.field(NEW_MESSAGE, "createdAt")).isEqualTo("2026-01-01T00:00:00.123Z");
        assertThat(Frames.number(NEW_MESSAGE, "sequence")).isEqualTo("7");
        assertThat(Frames.field(NEW_MESSAGE, "nodeId")).isNull();
    }
}
