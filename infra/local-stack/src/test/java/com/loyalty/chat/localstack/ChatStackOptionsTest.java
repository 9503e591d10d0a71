package com.loyalty.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatStackOptionsTest {

    @Test
    void testsGetThrowawayDataOnFreePorts() {
        LocalStackOptions local = ChatStackOptions.forTests(Path.of("/project")).localStackOptions();

        assertThat(local.data()).isEqualTo(LocalStackOptions.Data.THROWAWAY);
        assertThat(local.dataDirectory()).startsWith(Path.of(System.getProperty("java.io.tmpdir")));
        Directories.deleteRecursively(local.dataDirectory());
    }

    @Test
    void chatJvmOptsReplacesTheDefaultJvmOptions() {
        assertThat(ChatStackOptions.jvmOptions(Map.of("CHAT_JVM_OPTS", " -Xmx1g  -XX:+UseZGC ")))
                .containsExactly("-Xmx1g", "-XX:+UseZGC");
    }

    @Test
    void withoutChatJvmOptsOrWithABlankOneTheDefaultsApply() {
        assertThat(ChatStackOptions.jvmOptions(Map.of())).isEqualTo(ChatStackOptions.DEFAULT_JVM_OPTIONS)
                .contains("-Xmx384m");
        assertThat(ChatStackOptions.jvmOptions(Map.of("CHAT_JVM_OPTS", "  ")))
                .isEqualTo(ChatStackOptions.DEFAULT_JVM_OPTIONS);
    }
}
