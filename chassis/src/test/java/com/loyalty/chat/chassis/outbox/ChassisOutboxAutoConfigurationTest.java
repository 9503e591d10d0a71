package com.loyalty.chat.chassis.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Only a service that declares what it relays gets an outbox: the others take the chassis too. */
class ChassisOutboxAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChassisOutboxAutoConfiguration.class));

    @Test
    void aServiceThatDeclaresNoOutboxEventsGetsNoOutboxNorRelay() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started).doesNotHaveBean(EventOutbox.class);
            assertThat(started).doesNotHaveBean(OutboxRelay.class);
            assertThat(started).doesNotHaveBean(OutboxBacklog.class);
        });
    }
}
