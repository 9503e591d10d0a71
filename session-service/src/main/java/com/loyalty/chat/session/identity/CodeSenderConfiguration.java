package com.loyalty.chat.session.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

@Configuration(proxyBeanMethods = false)
class CodeSenderConfiguration {

    /** Steps aside as soon as a real {@link CodeSender} (an SMS gateway adapter) is a bean. */
    @Bean
    @Fallback
    CodeSender loggingCodeSender(AuthProperties properties) {
        return new LoggingCodeSender(properties.logCodes());
    }
}
