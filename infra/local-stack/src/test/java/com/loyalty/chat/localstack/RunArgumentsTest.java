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
    void withoutFreshTheDataOfTheLastRunIsKept() {
        ChatStackOptions options = RunArguments.parse().applyTo(ChatStackOptions.forRun(Path.of("/project")));

        assertThat(options.localStackOptions().data()).isEqualTo(LocalStackOptions.Data.KEPT);
        assertThat(options.localStackOptions().dataDirectory()).isEqualTo(Path.of("/project/.run/data"));
    }

    @Test
    void freshEmptiesTheDataBeforeStarting() {
        ChatStackOptions options = RunArguments.parse("--fresh").applyTo(ChatStackOptions.forRun(Path.of("/project")));

        assertThat(options.localStackOptions().data()).isEqualTo(LocalStackOptions.Data.FRESH_THEN_KEPT);
        assertThat(options.localStackOptions().dataDirectory()).isEqualTo(Path.of("/project/.run/data"));
    }

    @Test
    void readsTheDataFolder() {
        ChatStackOptions options = RunArguments.parse("--data-dir", "/srv/chat-data")
                .applyTo(ChatStackOptions.forRun(Path.of("/project")));

        assertThat(options.localStackOptions().dataDirectory()).isEqualTo(Path.of("/srv/chat-data"));
    }

    @Test
    void helpTellsAboutFreshAndTheJvmOptionsVariable() {
        assertThat(RunArguments.USAGE).contains("--fresh").contains("--data-dir").contains("CHAT_JVM_OPTS");
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
