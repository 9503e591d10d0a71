package com.loyalty.chat.chassis.metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters every service keeps alike. Error envelopes are counted where they are written; in a servlet service
 * those written by a controller or an exception handler are counted by {@link ErrorAnswersAdvice}, whoever wrote
 * them.
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
public class ChassisMetricsAutoConfiguration {

    @Bean
    ErrorAnswers chassisErrorAnswers(ObjectProvider<MeterRegistry> registry) {
        return new ErrorAnswers(registry);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice")
    static class ServletErrorAnswers {

        @Bean
        ErrorAnswersAdvice chassisErrorAnswersAdvice(ErrorAnswers answers) {
            return new ErrorAnswersAdvice(answers);
        }
    }

    /**
     * With observations on, Spring Security wraps its filter chain, each of its filters, the authentication and the
     * authorization in an observation per request. No service exports those meters, and on the hottest paths they
     * cost a good part of a request (profiled: ≈ 13 % of a realtime handshake's CPU with the request observation,
     * ≈ 14 % of the gateway's in a handshake storm, a fifth of message-service's per offline question).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SecurityObservationSettings.class)
    static class NoSecurityObservations {

        @Bean
        @ConditionalOnMissingBean
        static SecurityObservationSettings chassisSecurityObservationSettings() {
            return SecurityObservationSettings.noObservations();
        }
    }
}
