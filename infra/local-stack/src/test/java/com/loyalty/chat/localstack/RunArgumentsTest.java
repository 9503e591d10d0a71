package com.loyalty.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunArgumentsTest {

    @Test
    void withoutArgumentsStartsOneRealtimeNodeAndLogsToTheDefaultFolder() {
        RunArguments arguments = RunArguments.parse();

        assertThat(arguments.realtimeNodes()).isEqualTo(1);
        assertThat(arguments.logDirectory()).isEmpty();
        assertThat(arguments.help()).isFalse();
    }

    @Test
    void readsTheNumberOfRealtimeNodesAndTheLogFolder() {
        RunArguments arguments = RunArguments.parse("--realtime-nodes", "3", "--log-dir", "/tmp/chat-logs");

        assertThat(arguments.realtimeNodes()).isEqualTo(3);
        assertThat(arguments.logDirectory()).hasValue(Path.of("/tmp/chat-logs"));
    }

    @Test
    void asksForHelp() {
        assertThat(RunArguments.parse("--help").help()).isTrue();
    }

    @Test
    void rejectsLessThanOneRealtimeNode() {
        assertThatThrownBy(() -> RunArguments.parse("--realtime-nodes", "0"))
                .hasMessage("--realtime-nodes needs a number of at least 1, not 0");
    }

    @Test
    void rejectsAnOptionWithoutItsValue() {
        assertThatThrownBy(() -> RunArguments.parse("--realtime-nodes")).hasMessage("--realtime-nodes needs a value");
    }

    @Test
    void rejectsUnknownArguments() {
        assertThatThrownBy(() -> RunArguments.parse("--nodes", "2")).hasMessage("Unknown argument: --nodes");
    }
}
