package com.loyalty.chat.chassis.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ErrorAnswersTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void countsEachStatusAndCodeApart() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("registry", registry);
        ErrorAnswers answers = new ErrorAnswers(beans.getBeanProvider(MeterRegistry.class));

        answers.count(401, 4001);
        answers.count(401, 4002);
        answers.count(401, 4002);

        assertThat(registry.get(ErrorAnswers.METER).tags("status", "401", "code", "4001").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(ErrorAnswers.METER).tags("status", "401", "code", "4002").counter().count())
                .isEqualTo(2);
    }
}
