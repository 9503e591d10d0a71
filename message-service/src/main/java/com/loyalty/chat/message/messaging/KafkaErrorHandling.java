package com.loyalty.chat.message.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What a listener failure leads to. Poison goes straight to the dead-letter topic; anything else is taken as
 * transient (the database or broker is away) and retried with growing pauses until it succeeds, because dropping
 * a message command or a session event would lose data. Boot applies this handler to every listener container.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(DeadLetterProducer deadLetters, MessagingProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff();
        backOff.setInitialInterval(properties.consumerRetry().initialInterval().toMillis());
        backOff.setMaxInterval(properties.consumerRetry().maxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters.recoverer(), backOff);
        handler.addNotRetryableExceptions(PoisonRecordException.class);
        return handler;
    }
}
