package com.loyalty.chat.chassis.jwt;

import java.time.Clock;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Puts {@link VerifiedTokens} in front of the service's JWT decoder, Boot's or its own, servlet or reactive, unless
 * {@code chat.security.verified-tokens.enabled} is false.
 */
@AutoConfiguration
@ConditionalOnClass(JwtDecoder.class)
public class ChassisJwtAutoConfiguration {

    /** Static and bound by hand: a post-processor is made before configuration properties beans can be. */
    @Bean
    static BeanPostProcessor chassisVerifiedTokens(Environment environment) {
        VerifiedTokensProperties properties = Binder.get(environment)
                .bindOrCreate("chat.security.verified-tokens", VerifiedTokensProperties.class);
        VerifiedTokens verified = new VerifiedTokens(properties.maxEntries(), properties.maxAge(), Clock.systemUTC());
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!properties.enabled()) {
                    return bean;
                }
                if (bean instanceof JwtDecoder decoder && !(bean instanceof RememberingJwtDecoder)) {
                    return new RememberingJwtDecoder(decoder, verified);
                }
                if (bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof RememberingReactiveJwtDecoder)) {
                    return new RememberingReactiveJwtDecoder(decoder, verified);
                }
                return bean;
            }
        };
    }
}
