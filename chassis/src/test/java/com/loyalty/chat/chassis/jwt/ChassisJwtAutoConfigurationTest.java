package com.loyalty.chat.chassis.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

class ChassisJwtAutoConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChassisJwtAutoConfiguration.class));

    @Test
    void theServicesDecodersRememberWhatTheyAccepted() {
        contexts.withBean(JwtDecoder.class, () -> token -> {
                    throw new BadJwtException("refused");
                })
                .withBean(ReactiveJwtDecoder.class, () -> token -> Mono.error(new BadJwtException("refused")))
                .run(context -> {
                    assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(RememberingJwtDecoder.class);
                    assertThat(context.getBean(ReactiveJwtDecoder.class))
                            .isInstanceOf(RememberingReactiveJwtDecoder.class);
                });
    }

    @Test
    void turnedOffTheDecodersAreLeftAsTheyAre() {
        contexts.withPropertyValues("chat.security.verified-tokens.enabled=false")
                .withBean(JwtDecoder.class, () -> token -> {
                    throw new BadJwtException("refused");
                })
                .run(context -> assertThat(context.getBean(JwtDecoder.class))
                        .isNotInstanceOf(RememberingJwtDecoder.class));
    }
}
