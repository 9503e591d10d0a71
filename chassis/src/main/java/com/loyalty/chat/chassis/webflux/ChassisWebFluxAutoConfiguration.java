package com.loyalty.chat.chassis.webflux;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;

import com.loyalty.chat.chassis.metrics.ErrorAnswers;

import tools.jackson.databind.json.JsonMapper;

/** The envelope for what a reactive service answers itself and, where Spring Security runs, for its refusals. */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.REACTIVE)
public class ChassisWebFluxAutoConfiguration {

    @Bean
    EnvelopeResponses chassisEnvelopeResponses(JsonMapper jsonMapper, ObjectProvider<ErrorAnswers> answers) {
        return new EnvelopeResponses(jsonMapper, answers.getIfAvailable(() -> ErrorAnswers.NONE));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ServerAuthenticationEntryPoint.class)
    static class SecurityRefusalsConfiguration {

        @Bean
        ReactiveSecurityRefusals chassisReactiveSecurityRefusals(EnvelopeResponses envelopes) {
            return new ReactiveSecurityRefusals(envelopes);
        }
    }
}
