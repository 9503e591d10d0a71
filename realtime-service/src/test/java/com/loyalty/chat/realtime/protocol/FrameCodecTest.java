package com.loyalty.chat.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class FrameCodecTest {

    private final FrameCodec codec = new FrameCodec(JsonMapper.builder().build());

    @Test
    void halfACharacterSpelledByAnEscapeIsAMalformedFrame() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"sync\",\"data\":{\"sessionId\":\"s\\ud800\"}}"))
                .isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> codec.decode("{\"type\":\"sync\",\"data\":{\"ids\":[\"\\udfff\"]}}"))
                .isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> codec.decode("{\"type\":\"sync\",\"data\":{\"\\ud800\":1}}"))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void wholeCharactersOutsideTheBasicPlaneAreText() throws MalformedFrameException {
        ClientFrame frame = codec.decode("{\"type\":\"send_message\",\"data\":{\"content\":\"🍜 \\ud83c\\udf5c\"}}");
        assertThat(frame.data().path("content").asString()).isEqualTo("🍜 🍜");
    }
}
