package com.loyalty.chat.chassis.web;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.loyalty.chat.chassis.metrics.ErrorAnswers;

import tools.jackson.databind.json.JsonMapper;

/**
 * The web edge every servlet service shares: errors in the envelope, from controllers and from the container alike,
 * and, where Spring Security reads our tokens, the {@link Caller} parameter and the envelope for its refusals.
 */
// Before Boot's error handling, which backs off once an ErrorController exists.
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
public class ChassisWebAutoConfiguration {

    @Bean
    CommonErrors chassisCommonErrors() {
        return new CommonErrors();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ContainerErrors chassisContainerErrors() {
        return new ContainerErrors();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Jwt.class, AuthenticationEntryPoint.class})
    static class TokenCallers {

        @Bean
        SecurityRefusals chassisSecurityRefusals(JsonMapper jsonMapper, ObjectProvider<ErrorAnswers> answers) {
            return new SecurityRefusals(jsonMapper, answers.getIfAvailable(() -> ErrorAnswers.NONE));
        }

        @Bean
        WebMvcConfigurer chassisCallerParameters() {
            return new WebMvcConfigurer() {
                @Override
                public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                    resolvers.add(new CallerArgumentResolver());
                }
            };
        }
    }
}
